package dev.chronoscale.admin.migration;

import dev.chronoscale.admin.PolicyAdmin;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.IdSequence.Kind;
import dev.chronoscale.domain.address.AddressAllocator;
import dev.chronoscale.domain.apikey.ApiKeyCommands.ImportApiKey;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeCommands.ImportNode;
import dev.chronoscale.domain.node.NodeCommands.ReportClient;
import dev.chronoscale.domain.node.NodeKeys;
import dev.chronoscale.domain.node.NodeNames;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.ImportPreAuthKey;
import dev.chronoscale.domain.tailnet.TailnetCommands.RecordImport;
import dev.chronoscale.domain.user.UserCommands.ImportUser;
import dev.chronoscale.domain.user.ProfilePictures;
import dev.chronoscale.domain.user.UserNames;
import dev.chronoscale.eventlog.JdbcIdSequence;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.inventory.InventoryQueries;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Seeds a new tailnet from another control server's database ({@link ImportPlan}). Everything is checked before
 * anything is written: the server must never have had users, nodes or pre-auth keys (the source's ids are kept, so
 * scripts and tools keep finding things by id), the policy must be valid, and each thing must be one this server can
 * hold. What cannot be carried is listed with the reason, and refuses the import unless the operator agrees to leave
 * it behind. Each user, key and node is then its own event, with the actor {@link ActorType#IMPORT} naming the
 * source; a {@code TailnetImported} event closes the import, and a second import is refused.
 */
public final class TailnetImport {

    private final AuditedCommandSender commands;
    private final InventoryQueries inventory;
    private final JdbcIdSequence ids;
    private final AddressAllocator addresses;
    private final PolicyAdmin policy;

    public TailnetImport(AuditedCommandSender commands, InventoryQueries inventory, JdbcIdSequence ids,
                         AddressAllocator addresses, PolicyAdmin policy) {
        this.commands = commands;
        this.inventory = inventory;
        this.ids = ids;
        this.addresses = addresses;
        this.policy = policy;
    }

    /**
     * Checks {@code plan} and, unless {@code dryRun} or refused, carries it. With {@code leaveBehind} the things that
     * cannot be carried are left out instead of refusing the import.
     */
    public ImportOutcome run(ImportPlan plan, boolean dryRun, boolean leaveBehind, AuditContext operator) {
        if (plan.source() == null || plan.source().isBlank()) {
            throw DomainException.invalid("the import must name its source");
        }
        Selection selection = select(plan);
        List<String> refusals = new ArrayList<>(targetRefusals());
        plan.apiKeys().stream().filter(k -> inventory.apiKeyByPrefix(k.prefix()).isPresent()).forEach(k ->
                refusals.add("API key " + k.prefix() + " already exists here"));
        if (plan.policy() != null && !plan.policy().isBlank()) {
            try {
                policy.check(plan.policy());
            } catch (RuntimeException e) {
                refusals.add("the policy is not valid here, and without it every node could reach every other: "
                        + e.getMessage());
            }
        }
        if (!selection.notCarried.isEmpty() && !leaveBehind) {
            refusals.add(selection.notCarried.size() + " thing(s) cannot be carried (listed); fix them at the source,"
                    + " or leave them behind explicitly");
        }
        boolean carryPolicy = plan.policy() != null && !plan.policy().isBlank();
        ImportOutcome outcome = new ImportOutcome(plan.source(), false, selection.users.size(), selection.nodes.size(),
                selection.preAuthKeys.size(), selection.apiKeys.size(), carryPolicy, selection.notCarried, plan.notes(),
                refusals);
        if (dryRun || !refusals.isEmpty()) {
            return outcome;
        }
        carry(plan, selection, carryPolicy, importer(plan, operator));
        return new ImportOutcome(plan.source(), true, outcome.users(), outcome.nodes(), outcome.preAuthKeys(),
                outcome.apiKeys(), carryPolicy, outcome.notCarried(), outcome.notes(), List.of());
    }

    /** The source's ids are kept, so none of them may have been handed out here. */
    private List<String> targetRefusals() {
        Map<Kind, String> kinds = new LinkedHashMap<>();
        kinds.put(Kind.USER, "users");
        kinds.put(Kind.NODE, "nodes");
        kinds.put(Kind.PREAUTH_KEY, "pre-auth keys");
        List<String> had = kinds.entrySet().stream().filter(e -> ids.last(e.getKey()) > 0).map(Map.Entry::getValue).toList();
        if (had.isEmpty()) {
            return List.of();
        }
        return List.of("this server has had " + String.join(", ", had) + " already, and the import keeps the source's"
                + " ids (a second import of the same source would duplicate it): import into a new Chronoscale database");
    }

    private static AuditContext importer(ImportPlan plan, AuditContext operator) {
        return new AuditContext(ActorType.IMPORT, plan.source(), operator.remoteAddress(), Optional.of(
                "imported by " + operator.actorType().name().toLowerCase() + " " + operator.actorId()
                        + operator.reason().map(r -> ": " + r).orElse("")));
    }

    /**
     * Sends the plan's commands in the order their references need. Everything was checked first; should a command
     * still be refused (a value taken meanwhile), the import stops there and says how far it came.
     */
    private void carry(ImportPlan plan, Selection selection, boolean carryPolicy, AuditContext audit) {
        selection.users.stream().mapToLong(ImportPlan.User::id).max().ifPresent(id -> ids.advancePast(Kind.USER, id));
        selection.nodes.stream().mapToLong(ImportPlan.Node::id).max().ifPresent(id -> ids.advancePast(Kind.NODE, id));
        selection.preAuthKeys.stream().mapToLong(ImportPlan.PreAuthKey::id).max()
                .ifPresent(id -> ids.advancePast(Kind.PREAUTH_KEY, id));
        Progress progress = new Progress(audit);
        try {
            for (ImportPlan.User user : selection.users) {
                progress.send("user " + user.id(), new ImportUser(user.id(), user.name(), blankToNull(user.displayName()),
                        blankToNull(user.email()), blankToNull(user.providerIdentifier()), user.createdAt(),
                        blankToNull(user.profilePicUrl())));
            }
            for (ImportPlan.PreAuthKey key : selection.preAuthKeys) {
                progress.send("pre-auth key " + key.id(), new ImportPreAuthKey(key.id(), key.userId(), key.prefix(),
                        key.secretHash(), key.reusable(), key.ephemeral(), key.expiration(), list(key.aclTags()),
                        key.createdAt(), key.usedByNode()));
            }
            Set<Long> carriedKeys = new HashSet<>();
            selection.preAuthKeys.forEach(k -> carriedKeys.add(k.id()));
            for (ImportPlan.Node node : selection.nodes) {
                Long keyId = node.preAuthKeyId() != null && carriedKeys.contains(node.preAuthKeyId()) ? node.preAuthKeyId() : null;
                progress.send("node " + node.id(), new ImportNode(node.id(), node.machineKey(), node.nodeKey(),
                        blankToNull(node.discoKey()), node.userId(), list(node.tags()), node.hostname(), node.givenName(),
                        blankToNull(node.ipv4()), blankToNull(node.ipv6()), node.expiry(), node.ephemeral(), keyId,
                        node.registerMethod(), list(node.advertisedRoutes()), list(node.approvedRoutes()),
                        list(node.endpoints()), node.createdAt()));
                if (node.os() != null || node.clientVersion() != null) {
                    progress.send("node " + node.id(), new ReportClient(node.id(), node.os(), node.osVersion(),
                            node.clientVersion(), null, null, node.peerServices()));
                }
            }
            for (ImportPlan.ApiKey key : selection.apiKeys) {
                progress.send("API key " + key.prefix(), new ImportApiKey(ids.next(Kind.API_KEY), key.prefix(),
                        key.secretHash(), key.expiration(), key.createdAt()));
            }
            if (carryPolicy) {
                progress.current = "the policy";
                policy.set(plan.policy(), audit);
            }
            progress.send("the import's record", new RecordImport(plan.source(), plan.sourceSchema(),
                    selection.users.size(), selection.nodes.size(), selection.preAuthKeys.size(), selection.apiKeys.size(),
                    carryPolicy, concat(selection.notCarried, plan.notes())));
        } catch (RuntimeException e) {
            throw DomainException.conflict("the import stopped at " + progress.current + ": " + e.getMessage() + "; "
                    + progress.sent + " command(s) before it were carried out, each recorded with the source as its"
                    + " actor. This database cannot take the import again: start over with a new one");
        }
    }

    /** Where the import is, for the message when it cannot go on. */
    private final class Progress {
        private final AuditContext audit;
        String current = "the start";
        int sent;

        Progress(AuditContext audit) {
            this.audit = audit;
        }

        void send(String what, Object command) {
            current = what;
            commands.send(command, audit, what);
            sent++;
        }
    }

    /** What of the plan this server can hold, and what it cannot, each with the reason. */
    private Selection select(ImportPlan plan) {
        Selection s = new Selection();
        s.notCarried.addAll(plan.notCarried());
        Set<String> userNames = new HashSet<>();
        Set<Long> userIds = new HashSet<>();
        for (ImportPlan.User user : plan.users()) {
            String problem = problem(() -> {
                UserNames.validate(user.name());
                ProfilePictures.validate(blankToNull(user.profilePicUrl()));
            });
            if (problem == null && !userNames.add(user.name())) {
                problem = "another user has the same name";
            }
            if (problem == null && !userIds.add(user.id())) {
                problem = "another user has the same id";
            }
            keepOr(s.users, user, problem, s.notCarried, "user " + user.id() + " '" + user.name() + "'");
        }
        Set<String> keyPrefixes = new HashSet<>();
        for (ImportPlan.PreAuthKey key : plan.preAuthKeys()) {
            String problem = null;
            if (key.userId() == null && (key.aclTags() == null || key.aclTags().isEmpty())) {
                problem = "it has neither a user nor a tag";
            } else if (key.userId() != null && !userIds.contains(key.userId())) {
                problem = "its user " + key.userId() + " is not carried";
            } else if (key.expiration() == null) {
                problem = "it has no expiration";
            } else if (key.prefix() == null || key.secretHash() == null || !keyPrefixes.add(key.prefix())) {
                problem = "its prefix or hash is missing or not unique";
            }
            keepOr(s.preAuthKeys, key, problem, s.notCarried, "pre-auth key " + key.id());
        }
        Set<String> names = new HashSet<>();
        Set<String> machineKeys = new HashSet<>();
        for (ImportPlan.Node node : plan.nodes()) {
            String problem = nodeProblem(node, userIds);
            if (problem == null && !names.add(node.givenName())) {
                problem = "another node has the name '" + node.givenName() + "'";
            }
            if (problem == null && !machineKeys.add(node.machineKey())) {
                problem = "another node has the same machine key";
            }
            keepOr(s.nodes, node, problem, s.notCarried, "node " + node.id() + " '" + node.givenName() + "'"
                    + " (its device would have to log in again)");
        }
        for (ImportPlan.ApiKey key : plan.apiKeys()) {
            String problem = key.expiration() == null || key.prefix() == null || key.secretHash() == null
                    ? "its prefix, hash or expiration is missing" : null;
            keepOr(s.apiKeys, key, problem, s.notCarried, "API key " + key.prefix());
        }
        return s;
    }

    private String nodeProblem(ImportPlan.Node node, Set<Long> userIds) {
        if (node.userId() != null && !userIds.contains(node.userId())) {
            return "its user " + node.userId() + " is not carried";
        }
        if (node.userId() == null && (node.tags() == null || node.tags().isEmpty())) {
            return "it has neither a user nor a tag";
        }
        if (node.registerMethod() == null) {
            return "its registration method is unknown";
        }
        String problem = problem(() -> {
            NodeKeys.machineKey(node.machineKey());
            NodeKeys.nodeKey(node.nodeKey());
            if (node.discoKey() != null && !node.discoKey().isBlank()) {
                NodeKeys.discoKey(node.discoKey());
            }
            NodeNames.validateGiven(node.givenName());
        });
        if (problem != null) {
            return problem;
        }
        for (String address : new String[] {node.ipv4(), node.ipv6()}) {
            if (address != null && !address.isBlank()) {
                String unusable = problem(() -> addresses.requireUsable(address));
                if (unusable != null) {
                    return unusable;
                }
            }
        }
        return null;
    }

    private static <T> void keepOr(List<T> kept, T item, String problem, List<String> notCarried, String what) {
        if (problem == null) {
            kept.add(item);
        } else {
            notCarried.add(what + ": " + problem);
        }
    }

    private static String problem(Runnable check) {
        try {
            check.run();
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static final class Selection {
        final List<ImportPlan.User> users = new ArrayList<>();
        final List<ImportPlan.Node> nodes = new ArrayList<>();
        final List<ImportPlan.PreAuthKey> preAuthKeys = new ArrayList<>();
        final List<ImportPlan.ApiKey> apiKeys = new ArrayList<>();
        final List<String> notCarried = new ArrayList<>();
    }
}
