package dev.chronoscale.domain.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.chronoscale.domain.policy.PolicyJson.fieldsOf;
import static dev.chronoscale.domain.policy.PolicyJson.isAutogroup;
import static dev.chronoscale.domain.policy.PolicyJson.list;
import static dev.chronoscale.domain.policy.PolicyJson.require;
import static dev.chronoscale.domain.policy.PolicyJson.strings;

/** Reads {@code ssh} and {@code sshTests}, following Tailscale's SSH model. */
final class SshRuleReader {

    private static final Set<String> SSH_FIELDS = Set.of("action", "src", "dst", "users", "checkPeriod", "acceptEnv");
    private static final Set<String> SSH_TEST_FIELDS = Set.of("src", "dst", "accept", "check", "deny");
    private static final Duration MAX_CHECK_PERIOD = Duration.ofHours(168);

    private final PolicyDefinitions defined;

    SshRuleReader(PolicyDefinitions defined) {
        this.defined = defined;
    }

    List<SshRule> readSsh(JsonNode node) {
        List<SshRule> rules = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return rules;
        }
        for (JsonNode entry : node) {
            JsonNode rule = fieldsOf(entry, "ssh", SSH_FIELDS);
            // Tailscale trims the action (" accept" is accept) but does not fold its case.
            String actionText = rule.path("action").asText("").strip();
            require(!actionText.isEmpty(), "action must be specified");
            SshAction action = switch (actionText) {
                case "accept" -> SshAction.ACCEPT;
                case "check" -> SshAction.CHECK;
                default -> throw new IllegalArgumentException("\"" + actionText + "\" is not a valid action");
            };
            List<Alias> sources = new ArrayList<>();
            for (JsonNode src : list(rule, "src")) {
                Alias alias = AliasParser.parse(src.asText().strip());
                defined.checkSource(alias);
                require(alias instanceof Alias.User || alias instanceof Alias.Group || alias instanceof Alias.Tag
                                || alias instanceof Alias.UsersOfDomain || isAutogroup(alias, Autogroup.MEMBER)
                                || isAutogroup(alias, Autogroup.TAGGED),
                        "invalid src \"" + src.asText().strip() + "\": SSH sources are users, groups, tags, "
                                + "autogroup:member or autogroup:tagged");
                sources.add(alias);
            }
            List<Alias> destinations = new ArrayList<>();
            for (JsonNode dst : list(rule, "dst")) {
                Alias alias = AliasParser.parse(dst.asText().strip());
                require(!(alias instanceof Alias.Host || alias instanceof Alias.Prefix || alias instanceof Alias.IpSetRef),
                        "invalid dst \"" + dst.asText() + "\"");
                require(!(alias instanceof Alias.Wildcard), "wildcard (*) is not supported as SSH destination");
                defined.checkDestination(alias);
                destinations.add(alias);
            }
            List<String> users = new ArrayList<>();
            for (JsonNode user : list(rule, "users")) {
                users.add(checkSshUser(user.asText().strip()));
            }
            require(!users.isEmpty(), "users must be specified");
            List<String> acceptEnv = new ArrayList<>();
            for (JsonNode env : list(rule, "acceptEnv")) {
                require(!env.asText().isEmpty(), "acceptEnv values cannot be empty");
                acceptEnv.add(env.asText());
            }
            Optional<Duration> checkPeriod = Optional.empty();
            if (rule.has("checkPeriod") && !rule.get("checkPeriod").isNull()) {
                require(action == SshAction.CHECK, "checkPeriod is only valid with action \"check\"");
                checkPeriod = Optional.of(parseCheckPeriod(rule.get("checkPeriod").asText()));
            }
            checkSshSourcesMayReach(sources, destinations);
            rules.add(new SshRule(action, sources, destinations, users, checkPeriod, acceptEnv));
        }
        return rules;
    }

    /**
     * Tailscale's SSH model: tagged sources never reach user-owned devices, and a user's devices are reached
     * by name only from that same user (autogroup:self is the way to say "each user their own devices").
     */
    private static void checkSshSourcesMayReach(List<Alias> sources, List<Alias> destinations) {
        boolean tagged = sources.stream().anyMatch(s -> s instanceof Alias.Tag || isAutogroup(s, Autogroup.TAGGED));
        boolean groups = sources.stream().anyMatch(s -> s instanceof Alias.Group || s instanceof Alias.UsersOfDomain
                || isAutogroup(s, Autogroup.MEMBER));
        List<String> users = sources.stream().filter(s -> s instanceof Alias.User).map(Object::toString).distinct().toList();
        for (Alias destination : destinations) {
            if (destination instanceof Alias.User user) {
                require(!tagged, "tags in SSH source cannot access user-owned devices (" + user.login()
                        + "); use autogroup:tagged or specific tags as destinations instead");
                require(!groups && users.equals(List.of(user.login())), "user destination requires source to contain "
                        + "only that same user \"" + user.login() + "\"; use autogroup:self instead for same-user SSH access");
            }
            require(!(isAutogroup(destination, Autogroup.SELF) && tagged),
                    "autogroup:self destination requires source to contain only users or groups, not tags or autogroup:tagged");
            require(!(isAutogroup(destination, Autogroup.MEMBER) && tagged),
                    "tags in SSH source cannot access autogroup:member (user-owned devices)");
            require(!isAutogroup(destination, Autogroup.INTERNET), "autogroup:internet is not a valid SSH destination");
        }
    }

    private String checkSshUser(String user) {
        require(!user.isEmpty() && !user.equals("*"), "user \"" + user + "\" is not valid");
        // Tailscale takes anything else literally as a local user name, even "autogroup:member".
        if (user.startsWith("localpart:*@")) {
            defined.checkDomain(user.substring("localpart:*@".length()), "");
        }
        return user;
    }

    private static Duration parseCheckPeriod(String text) {
        if (text.equals("always")) {
            return Duration.ZERO;
        }
        Duration duration = GoDuration.parse(text);
        require(!duration.isNegative(), "checkPeriod " + text + " must be a positive duration");
        require(duration.compareTo(MAX_CHECK_PERIOD) <= 0, "checkPeriod " + text + " is above the max (168h)");
        return duration;
    }

    List<SshPolicyTest> readSshTests(JsonNode node) {
        List<SshPolicyTest> tests = new ArrayList<>();
        for (JsonNode written : node) {
            JsonNode test = fieldsOf(written, "sshTests", SSH_TEST_FIELDS);
            require(!test.path("src").asText("").isBlank(), "SSH tests entry must have a non-empty src");
            List<String> destinations = strings(test, "dst");
            require(!destinations.isEmpty(), "SSH tests entry must have at least one dst");
            for (String dst : destinations) {
                checkSshTestDestination(dst);
            }
            tests.add(new SshPolicyTest(test.path("src").asText(""), destinations, strings(test, "accept"),
                    strings(test, "check"), strings(test, "deny")));
        }
        return tests;
    }

    /**
     * An sshTests destination must name hosts one can SSH into: a tag that exists (so {@code tag:x:22} is an
     * unknown tag), a user, an autogroup other than internet, a single address, or a host entry for one.
     */
    private void checkSshTestDestination(String dst) {
        String disallowed = "SSH tests dst contains disallowed element \"" + dst + "\"";
        if (dst.startsWith("tag:")) {
            require(defined.tagOwners().containsKey(dst), "SSH tests dst contains unknown tag \"" + dst + "\"");
            return;
        }
        Alias alias;
        try {
            alias = AliasParser.parse(dst);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(disallowed);
        }
        switch (alias) {
            case Alias.AutogroupRef ref -> require(ref.autogroup() != Autogroup.INTERNET, disallowed);
            case Alias.Prefix prefix -> require(prefix.prefix().isSingleAddress(), disallowed);
            case Alias.Host host -> require(!defined.hosts().containsKey(host.name())
                    || defined.hosts().get(host.name()).isSingleAddress(), disallowed);
            case Alias.Wildcard w -> throw new IllegalArgumentException(disallowed);
            default -> {
            }
        }
    }
}
