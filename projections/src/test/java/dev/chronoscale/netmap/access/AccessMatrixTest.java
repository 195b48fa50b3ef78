package dev.chronoscale.netmap.access;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.SmallTailnet;
import dev.chronoscale.netmap.compile.CompiledTailnet;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.tailcfg.FilterRule;
import dev.chronoscale.tailcfg.NetPortRange;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessMatrixTest {

    private static final String POLICY = "{" + SmallTailnet.HEADER + """
              "acls": [
                // engineers reach the web servers
                {"action": "accept", "src": ["group:eng"], "dst": ["tag:web:80,443"]},
                {"action": "accept", "src": ["tag:web"], "dst": ["tag:db:5432"]},
                {"action": "accept", "src": ["group:oncall"], "proto": "tcp", "dst": ["clinical:22"]}
              ],
              "grants": [{"src": ["bob@example.com"], "dst": ["tag:db"], "ip": ["tcp:5432"]}]
            }""";

    private final NetmapCompiler compiler = new NetmapCompiler("http://localhost");
    private final Tailnet tailnet = SmallTailnet.tailnet();

    private Policy policy(String text) throws Exception {
        return new PolicyParser().parse(text);
    }

    @Test
    void eachRowNamesTheRuleThatGrantsIt() throws Exception {
        List<AccessRow> rows = new AccessMatrix(compiler).rows(policy(POLICY), POLICY, tailnet);

        assertThat(rows).anySatisfy(row -> {
            assertThat(row.rule()).isEqualTo("acls[1]");
            assertThat(row.source()).isEqualTo("tag:web");
            assertThat(row.destination()).isEqualTo("db");
            assertThat(row.ports()).isEqualTo("5432");
            assertThat(row.sourceIps()).contains("100.64.0.4");
            assertThat(row.ruleText()).contains("tag:db:5432");
        });
        assertThat(rows).filteredOn(row -> row.rule().equals("grants[0]"))
                .singleElement().satisfies(row -> {
                    assertThat(row.destination()).isEqualTo("db");
                    assertThat(row.protocol()).isEqualTo("tcp");
                    assertThat(row.sourceIps()).contains("100.64.0.3");
                });
        assertThat(rows).filteredOn(row -> row.rule().equals("acls[2]")).singleElement().satisfies(row -> {
            assertThat(row.destination()).isEqualTo("router");
            assertThat(row.destinationIps()).containsExactly("10.20.0.0/16");
            assertThat(row.protocol()).isEqualTo("tcp");
        });
        assertThat(rows).extracting(AccessRow::destination).doesNotContain("alice-laptop", "bob-laptop");
    }

    /** Rules only grant, so the rows of the rules alone add up to each node's packet filter under the whole policy. */
    @Test
    void theRowsAddUpToWhatTheWholePolicyLetsIntoEachNode() throws Exception {
        Policy whole = policy(POLICY);
        List<AccessRow> rows = new AccessMatrix(compiler).rows(whole, POLICY, tailnet);
        CompiledTailnet compiled = compiler.compile(whole, tailnet);
        for (TailnetNode node : tailnet.nodes()) {
            Set<String> expected = new HashSet<>();
            for (FilterRule rule : compiled.netmapFor(node.id()).map(n -> n.packetFilter()).orElse(List.of())) {
                for (String source : rule.srcIps()) {
                    for (NetPortRange destination : rule.dstPorts()) {
                        expected.add(source + " -> " + destination.ip() + ":" + AccessRow.ports(destination.ports()));
                    }
                }
            }
            Set<String> fromRows = new HashSet<>();
            rows.stream().filter(row -> row.destinationId() == node.id()).forEach(row -> {
                for (String source : row.sourceIps()) {
                    for (String ip : row.destinationIps()) {
                        for (String ports : row.ports().split(",")) {
                            fromRows.add(source + " -> " + ip + ":" + ports);
                        }
                    }
                }
            });
            assertThat(fromRows).as(node.name()).containsAll(expected);
            assertThat(expected).as(node.name()).containsAll(fromRows);
        }
    }

    @Test
    void aQueryNarrowsBySourceDestinationAndPort() throws Exception {
        Policy whole = policy(POLICY);
        List<AccessRow> rows = new AccessMatrix(compiler).rows(whole, POLICY, tailnet);

        List<AccessRow> toDb = new AccessQuery(Optional.empty(), Optional.of("tag:db"), Optional.empty()).filter(rows, whole, tailnet);
        assertThat(toDb).extracting(AccessRow::rule).containsExactlyInAnyOrder("acls[1]", "grants[0]");
        List<AccessRow> bobToDb = new AccessQuery(Optional.of("bob@example.com"), Optional.of("db"), Optional.of(5432))
                .filter(rows, whole, tailnet);
        assertThat(bobToDb).extracting(AccessRow::rule).containsExactly("grants[0]");
        assertThat(new AccessQuery(Optional.empty(), Optional.of("tag:web"), Optional.of(22)).filter(rows, whole, tailnet)).isEmpty();
        assertThat(new AccessQuery(Optional.empty(), Optional.of("tag:web"), Optional.of(443)).filter(rows, whole, tailnet))
                .isNotEmpty();
        assertThatThrownBy(() -> new AccessQuery(Optional.empty(), Optional.of("autogroup:nonsense"), Optional.empty())
                .filter(rows, whole, tailnet)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new AccessQuery(Optional.empty(), Optional.empty(), Optional.of(70000)))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void aQueryCompiledForItsDestinationsAloneKeepsWhatTheWholeMatrixFiltered() throws Exception {
        Policy whole = policy(POLICY);
        AccessMatrix matrix = new AccessMatrix(compiler);
        List<AccessRow> rows = matrix.rows(whole, POLICY, tailnet);
        List<AccessQuery> queries = new java.util.ArrayList<>();
        for (String destination : List.of("tag:db", "db", "tag:web", "group:eng", "*", "100.64.0.0/10")) {
            queries.add(new AccessQuery(Optional.empty(), Optional.of(destination), Optional.empty()));
            queries.add(new AccessQuery(Optional.of("bob@example.com"), Optional.of(destination), Optional.of(5432)));
        }
        queries.add(AccessQuery.ALL);
        boolean someKept = false;
        for (AccessQuery query : queries) {
            List<AccessRow> kept = query.filter(rows, whole, tailnet);
            someKept |= !kept.isEmpty() && kept.size() < rows.size();
            assertThat(matrix.rowsInForce(Optional.of(whole), Optional.of(POLICY), tailnet, query)).as("%s", query)
                    .containsExactlyElementsOf(kept);
        }
        assertThat(someKept).isTrue();
        List<AccessRow> allowAll = matrix.rows(AccessMatrix.allowAll(), AccessMatrix.ALLOW_ALL, tailnet);
        AccessQuery toDb = new AccessQuery(Optional.empty(), Optional.of("tag:db"), Optional.empty());
        assertThat(matrix.rowsInForce(Optional.empty(), Optional.empty(), tailnet, toDb))
                .containsExactlyElementsOf(toDb.filter(allowAll, AccessMatrix.allowAll(), tailnet)).isNotEmpty();
    }

    @Test
    void aChangeGainsAndLosesOnlyWhatNoRowOfTheOtherSideCovers() throws Exception {
        AccessMatrix matrix = new AccessMatrix(compiler);
        List<AccessRow> allowAll = matrix.rows(AccessMatrix.allowAll(), AccessMatrix.ALLOW_ALL, tailnet);
        List<AccessRow> policy = matrix.rows(policy(POLICY), POLICY, tailnet);

        AccessChange narrowing = AccessChange.between(allowAll, policy);
        assertThat(narrowing.gained()).as("everything the policy grants, * granted already").isEmpty();
        assertThat(narrowing.lost()).extracting(AccessRow::destination).contains("alice-laptop", "bob-laptop");

        String opened = POLICY.replace("\"grants\": [", "\"grants\": [{\"src\": [\"group:oncall\"], \"dst\": [\"tag:web\"],"
                + " \"ip\": [\"tcp:22\"]}, ");
        AccessChange opening = AccessChange.between(policy, matrix.rows(policy(opened), opened, tailnet));
        assertThat(opening.lost()).isEmpty();
        assertThat(opening.gained()).singleElement().satisfies(row -> {
            assertThat(row.source()).isEqualTo("group:oncall");
            assertThat(row.destination()).isEqualTo("web");
            assertThat(row.ports()).isEqualTo("22");
            assertThat(row.rule()).isEqualTo("grants[0]");
        });
        assertThat(AccessChange.between(policy, policy).gained()).isEmpty();
    }
}
