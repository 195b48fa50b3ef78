package dev.chronoscale.compliance.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.policy.HuJsonParser;
import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PolicyCommands;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.eventlog.EventLog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every version of the policy, from the policy's own events: when it was set, by whom and why, and the text of each of
 * its rules (as the access matrix names them), so a report can tell since which version a rule has been in force.
 */
final class PolicyHistory {

    /** One version; {@code policy} is empty when this build's parser refuses its text (it was then never in force). */
    record Version(long version, Instant time, String text, String sha256, Optional<Policy> policy, String actor,
                   Optional<String> reason, Set<String> ruleTexts) {

        String label() {
            return "v" + version;
        }
    }

    private final List<Version> versions;

    private PolicyHistory(List<Version> versions) {
        this.versions = List.copyOf(versions);
    }

    static PolicyHistory read(EventLog log) {
        PolicyParser parser = new PolicyParser();
        HuJsonParser hujson = new HuJsonParser();
        List<Version> versions = new ArrayList<>();
        for (EventLog.AggregateEvent event : log.eventsOf(PolicyCommands.AGGREGATE_ID)) {
            if (!(event.payload() instanceof PolicyUpdated updated)) {
                continue;
            }
            Optional<Policy> policy;
            Set<String> rules = Set.of();
            try {
                policy = Optional.of(parser.parse(updated.text()));
                rules = ruleTexts(hujson.parse(updated.text()));
            } catch (InvalidPolicyException e) {
                policy = Optional.empty();
            }
            Optional<AuditContext> context = AuditContext.fromMetadata(event.metadata());
            String actor = context.map(c -> c.actorType() + " " + c.actorId() + c.remoteAddress().map(a -> " (" + a + ")").orElse(""))
                    .orElse("unknown");
            versions.add(new Version(updated.version(), event.time(), updated.text(), updated.sha256(), policy, actor,
                    context.flatMap(AuditContext::reason), rules));
        }
        return new PolicyHistory(versions);
    }

    /** The rules' texts as {@code AccessMatrix} writes them in its rows: each rule's JSON, compact. */
    private static Set<String> ruleTexts(JsonNode document) {
        Set<String> texts = new java.util.HashSet<>();
        for (String section : List.of("acls", "grants")) {
            document.path(section).forEach(rule -> texts.add(rule.toString()));
        }
        return texts;
    }

    /** The version in force at the instant: the last one set by then that parses. */
    Optional<Version> inForceAt(Instant instant) {
        Version found = null;
        for (Version version : versions) {
            if (version.time().isAfter(instant)) {
                break;
            }
            if (version.policy().isPresent()) {
                found = version;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The versions set in {@code (from, to]} that were put in force (that parse). */
    List<Version> setBetween(Instant from, Instant to) {
        return versions.stream().filter(v -> v.time().isAfter(from) && !v.time().isAfter(to) && v.policy().isPresent()).toList();
    }

    /** The version in force just before this one took over. */
    Optional<Version> before(Version version) {
        Version found = null;
        for (Version candidate : versions) {
            if (candidate.version() >= version.version()) {
                break;
            }
            if (candidate.policy().isPresent()) {
                found = candidate;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The earliest version of the unbroken run of versions in force up to {@code current} in which {@code holds} held:
     * since when something (a rule, a membership) has been granted without interruption.
     */
    Version since(Version current, Predicate<Version> holds) {
        Version earliest = current;
        for (int i = versions.indexOf(current) - 1; i >= 0; i--) {
            Version candidate = versions.get(i);
            if (candidate.policy().isEmpty()) {
                continue;
            }
            if (!holds.test(candidate)) {
                break;
            }
            earliest = candidate;
        }
        return earliest;
    }
}
