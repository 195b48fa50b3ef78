package dev.chronoscale.tools.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.domain.policy.HuJsonParser;
import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.access.AccessChange;
import dev.chronoscale.netmap.access.AccessMatrix;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AccessMatrix#change} compares only the destinations whose filter under some rule may differ between the two
 * policies' compiles. On the conformance corpus's tailnets, for pairs of policies (a capture's and the next one's, the
 * policy without its last rule, with its rules reversed), that must give exactly the rows gained and lost that the
 * two whole matrices give.
 */
class AccessChangeConformanceTest {

    private final AccessMatrix access = new AccessMatrix(new NetmapCompiler("https://unused"));
    private final HuJsonParser hujson = new HuJsonParser();

    private record Version(Policy policy, String text) {
    }

    @Test
    void comparingOnlyTheDestinationsWhoseRulesDifferGivesWhatTheWholeMatricesGive() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TailscaleCapturesConformanceTest.corpus())) {
            files = walk.filter(p -> p.toString().endsWith(".hujson") && Files.isRegularFile(p)).sorted().toList();
        }
        List<CaptureCase> captures = new ArrayList<>();
        for (Path file : files) {
            try {
                CaptureCase capture = CaptureCase.read(file);
                if (!capture.rejected()) {
                    captures.add(capture);
                }
            } catch (IOException | InvalidPolicyException | RuntimeException e) {
                // not a capture this test can use
            }
        }
        int pairs = 0;
        int changed = 0;
        for (int i = 0; i < captures.size(); i++) {
            CaptureCase capture = captures.get(i);
            PolicyParser parser = new PolicyParser(capture.tailnetDomains());
            Optional<Version> own = version(parser, capture.policyText());
            if (own.isEmpty()) {
                continue;
            }
            List<Version> others = new ArrayList<>();
            version(parser, captures.get((i + 1) % captures.size()).policyText()).ifPresent(others::add);
            edited(parser, own.get().text(), false).ifPresent(others::add);
            edited(parser, own.get().text(), true).ifPresent(others::add);
            for (Version other : others) {
                for (Version[] pair : List.of(new Version[]{own.get(), other}, new Version[]{other, own.get()})) {
                    AccessChange whole = AccessChange.between(access.rows(pair[0].policy(), pair[0].text(), capture.tailnet()),
                            access.rows(pair[1].policy(), pair[1].text(), capture.tailnet()));
                    AccessChange compared = access.change(pair[0].policy(), pair[0].text(), pair[1].policy(), pair[1].text(),
                            capture.tailnet());
                    assertThat(new HashSet<>(compared.gained())).as("gained, %s", capture.id())
                            .isEqualTo(new HashSet<>(whole.gained()));
                    assertThat(new HashSet<>(compared.lost())).as("lost, %s", capture.id())
                            .isEqualTo(new HashSet<>(whole.lost()));
                    pairs++;
                    changed += whole.gained().isEmpty() && whole.lost().isEmpty() ? 0 : 1;
                }
            }
        }
        assertThat(pairs).as("policy pairs compared").isGreaterThan(200);
        assertThat(changed).as("pairs with access gained or lost").isGreaterThan(50);
    }

    private static Optional<Version> version(PolicyParser parser, String text) {
        try {
            return Optional.of(new Version(parser.parse(text), text));
        } catch (InvalidPolicyException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The policy with its last ACL (or grant) removed, or with its ACLs (and grants) in reverse order. */
    private Optional<Version> edited(PolicyParser parser, String text, boolean reverse) {
        try {
            JsonNode document = hujson.parse(text);
            if (!(document instanceof ObjectNode object)) {
                return Optional.empty();
            }
            boolean edited = false;
            for (String section : List.of("acls", "grants")) {
                if (object.get(section) instanceof ArrayNode rules && rules.size() > 1) {
                    if (reverse) {
                        List<JsonNode> reversed = new ArrayList<>();
                        rules.forEach(reversed::add);
                        rules.removeAll();
                        for (int r = reversed.size() - 1; r >= 0; r--) {
                            rules.add(reversed.get(r));
                        }
                    } else {
                        rules.remove(rules.size() - 1);
                    }
                    edited = true;
                }
            }
            return edited ? version(parser, object.toString()) : Optional.empty();
        } catch (InvalidPolicyException e) {
            return Optional.empty();
        }
    }
}
