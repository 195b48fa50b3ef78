package dev.chronoscale.domain.policy;

import java.util.List;

/** An entry of {@code sshTests}: which local users {@code src} may (accept), may after a check, or may not reach. */
public record SshPolicyTest(String source, List<String> destinations, List<String> accept, List<String> check,
                            List<String> deny) {

    public SshPolicyTest {
        destinations = List.copyOf(destinations);
        accept = List.copyOf(accept);
        check = List.copyOf(check);
        deny = List.copyOf(deny);
    }
}
