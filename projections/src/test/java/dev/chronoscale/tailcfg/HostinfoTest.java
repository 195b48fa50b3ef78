package dev.chronoscale.tailcfg;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HostinfoTest {

    /** The Hostinfo of a map request from tailscaled 1.82.5 run with --ssh (keys shortened). */
    private static final String FROM_TAILSCALED = """
            {"IPNVersion":"1.82.5-tdec88625e","OS":"linux","OSVersion":"6.18.44","Hostname":"client-two",
             "sshHostKeys":["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAbc","ecdsa-sha2-nistp256 AAAAE2VjZHNh"],
             "Services":[{"Proto":"peerapi4","Port":46590}],"NetInfo":{"PreferredDERP":999}}
            """;

    @Test
    void theSshHostKeysAreReadAndShownToPeersUnderTailscalesJsonName() throws Exception {
        Hostinfo read = TailcfgJson.read(FROM_TAILSCALED.getBytes(StandardCharsets.UTF_8), Hostinfo.class);
        assertThat(read.sshHostKeys()).containsExactly("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAbc", "ecdsa-sha2-nistp256 AAAAE2VjZHNh");

        String shown = new String(TailcfgJson.write(Hostinfo.ofPeer("client-two", "1.82.5", "linux", "6.18.44", null,
                read.sshHostKeys(), List.of())), StandardCharsets.UTF_8);
        assertThat(shown).contains("\"sshHostKeys\":[\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAbc\"").doesNotContain("SSH_HostKeys");
    }
}
