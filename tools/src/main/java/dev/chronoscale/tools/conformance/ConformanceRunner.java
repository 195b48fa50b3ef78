package dev.chronoscale.tools.conformance;

import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.domain.policy.TailscalePolicyValidator;
import dev.chronoscale.netmap.PolicyTestEvaluator;
import dev.chronoscale.netmap.compile.CompiledTailnet;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Replays Tailscale captures (files or folders of {@code *.hujson}) through the policy engine and reports,
 * per failing case, the first difference; the last line is {@code N passed, M failed}.
 */
public final class ConformanceRunner {

    private final NetmapCompiler compiler = new NetmapCompiler("https://unused");

    /** Returns the number of failed cases (gaps included). */
    public int run(List<Path> paths, PrintStream out) {
        List<Path> files = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path path : paths) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(p -> p.toString().endsWith(".hujson") && Files.isRegularFile(p)).sorted().forEach(files::add);
            } catch (IOException e) {
                unreadable.add(path + ": cannot read: " + e);
            }
        }
        // Cases are independent; evaluate them in parallel and report in file order.
        List<String> failures = new ArrayList<>(unreadable);
        failures.addAll(files.parallelStream().map(this::evaluate).flatMap(Optional::stream).toList());
        int failed = failures.size();
        int passed = files.size() + unreadable.size() - failed;
        failures.forEach(out::println);
        out.println(passed + " passed, " + failed + " failed");
        return failed;
    }

    /** The report line for one file, empty when it conforms. */
    private Optional<String> evaluate(Path file) {
        String id = file.getFileName().toString();
        Optional<String> difference;
        try {
            CaptureCase capture = CaptureCase.read(file);
            id = capture.id();
            difference = firstDifference(capture);
            String gap = ConformanceGaps.all().get(id);
            if (gap != null) {
                difference = Optional.of("GAP (" + gap + ")"
                        + difference.map(d -> ": " + d).orElse(": now passes, remove it from the gap list"));
            }
        } catch (IOException | InvalidPolicyException | RuntimeException e) {
            difference = Optional.of("cannot run: " + e);
        }
        String caseId = id;
        return difference.map(d -> caseId + ": " + d);
    }

    Optional<String> firstDifference(CaptureCase capture) {
        TailscalePolicyValidator validator = new TailscalePolicyValidator(new PolicyParser(capture.tailnetDomains()));
        Policy policy;
        try {
            policy = validator.check(capture.policyText());
            new PolicyTestEvaluator(compiler, capture::tailnet).requirePassing(policy);
        } catch (InvalidPolicyException e) {
            return capture.rejected() ? Optional.empty()
                    : Optional.of("policy rejected, Tailscale accepted it: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (capture.rejected()) {
            return Optional.of("policy accepted, Tailscale rejected it: " + capture.rejection());
        }
        CompiledTailnet compiled = compiler.compile(policy, capture.tailnet());
        NetmapComparison comparison = new NetmapComparison(capture);
        for (var entry : capture.captures().entrySet()) {
            Long nodeId = capture.nodeIds().get(entry.getKey());
            if (nodeId == null) {
                return Optional.of("node " + entry.getKey() + " captured but not in the topology");
            }
            Optional<String> difference = comparison.compare(entry.getKey(), entry.getValue(),
                    compiled.netmapFor(nodeId).orElseThrow());
            if (difference.isPresent()) {
                return difference;
            }
        }
        return Optional.empty();
    }
}
