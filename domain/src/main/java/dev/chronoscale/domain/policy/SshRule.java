package dev.chronoscale.domain.policy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An entry of {@code ssh}. {@code users} holds the local user names as written: plain names,
 * {@code root}, {@code autogroup:nonroot} and {@code localpart:*@domain}.
 */
public record SshRule(SshAction action, List<Alias> sources, List<Alias> destinations, List<String> users,
                      Optional<Duration> checkPeriod, List<String> acceptEnv) {

    public SshRule {
        sources = List.copyOf(sources);
        destinations = List.copyOf(destinations);
        users = List.copyOf(users);
        acceptEnv = List.copyOf(acceptEnv);
    }
}
