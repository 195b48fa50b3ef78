package dev.chronoscale.gateway.register;

import dev.chronoscale.inventory.InventoryViews.PreAuthKeyView;

import java.util.Optional;

/**
 * Whether a newly registered device waits for an administrator ({@code node.approval}, docs/identity.md "Device
 * approval"). Under manual approval a new node is pending unless the pre-auth key it came with approves it: a key
 * created pre-approved, or, with {@code node.approval_tagged_keys}, any key with tags. Every pre-auth key is
 * created by an administrator through the API, so a tagged key is an administrator's decision about the devices it
 * registers. A machine that is already registered keeps its state when it logs in again.
 *
 * @param manual            {@code node.approval: manual}
 * @param taggedKeysApprove {@code node.approval_tagged_keys}
 */
public record DeviceApproval(boolean manual, boolean taggedKeysApprove) {

    /** Headscale's behaviour, and the default: every device is approved when it registers. */
    public static final DeviceApproval AUTO = new DeviceApproval(false, false);

    /** Whether a new node registered with {@code key} (empty: an interactive login) awaits approval. */
    public boolean awaitsApproval(Optional<PreAuthKeyView> key) {
        if (!manual) {
            return false;
        }
        return key.map(k -> !k.preApproved() && !(taggedKeysApprove && !k.aclTags().isEmpty())).orElse(true);
    }
}
