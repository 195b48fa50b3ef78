package dev.chronoscale.app.config;

import dev.chronoscale.gateway.register.DeviceApproval;

import java.util.Locale;

/**
 * {@code node.approval} and {@code node.approval_tagged_keys}: whether new devices wait for an administrator, and
 * whether a tagged pre-auth key counts as that administrator's approval (docs/identity.md, "Device approval").
 * Headscale has no device approval, so the default is {@code auto}: every device is approved when it registers.
 */
final class NodeApprovalKeys {

    private NodeApprovalKeys() {
    }

    static DeviceApproval read(ConfigValues values) {
        String mode = values.text("node.approval", "auto").toLowerCase(Locale.ROOT);
        boolean manual = switch (mode) {
            case "auto" -> false;
            case "manual" -> true;
            default -> throw new ConfigException("node.approval", "'" + mode + "' must be manual or auto");
        };
        boolean taggedKeys = values.bool("node.approval_tagged_keys", false);
        if (!manual && values.has("node.approval_tagged_keys")) {
            values.warn("node.approval_tagged_keys has no effect while node.approval is auto");
        }
        return new DeviceApproval(manual, taggedKeys);
    }
}
