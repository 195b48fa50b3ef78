package dev.chronoscale.domain.node;

import dev.chronoscale.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeKeysTest {

    private static final String HEX = "0123456789abcdef".repeat(4);

    @Test
    void acceptsTypedLowerCaseHexKeysUnchanged() {
        assertThat(NodeKeys.machineKey("mkey:" + HEX)).isEqualTo("mkey:" + HEX);
        assertThat(NodeKeys.nodeKey("nodekey:" + HEX)).isEqualTo("nodekey:" + HEX);
        // a single non-zero digit is enough
        String almostZero = "0".repeat(63) + "1";
        assertThat(NodeKeys.nodeKey("nodekey:" + almostZero)).endsWith("1");
    }

    @Test
    void refusesMalformedMachineKeys() {
        for (String bad : Arrays.asList(null, "", HEX, "mkey:", "mkey:" + HEX.substring(1), "mkey:" + HEX + "0",
                "mkey:" + HEX.toUpperCase(), "MKEY:" + HEX, "nodekey:" + HEX, "mkey: " + HEX.substring(1),
                "mkey:" + HEX.replace('f', 'g'), " mkey:" + HEX)) {
            assertThatThrownBy(() -> NodeKeys.machineKey(bad)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID))
                    .hasMessageContaining("machine key must look like mkey:");
        }
    }

    @Test
    void refusesMalformedNodeKeys() {
        for (String bad : Arrays.asList(null, "", "nodekey:" + HEX.substring(2), "mkey:" + HEX, "discokey:" + HEX,
                "nodekey:" + HEX.toUpperCase())) {
            assertThatThrownBy(() -> NodeKeys.nodeKey(bad)).as(String.valueOf(bad))
                    .isInstanceOf(DomainException.class)
                    .hasMessageContaining("node key must look like nodekey:");
        }
    }

    @Test
    void refusesAllZeroKeys() {
        for (String zero : List.of("0".repeat(64))) {
            assertThatThrownBy(() -> NodeKeys.machineKey("mkey:" + zero)).hasMessageContaining("all zeros");
            assertThatThrownBy(() -> NodeKeys.nodeKey("nodekey:" + zero)).hasMessageContaining("all zeros");
        }
    }
}
