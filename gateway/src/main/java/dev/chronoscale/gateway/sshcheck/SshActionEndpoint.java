package dev.chronoscale.gateway.sshcheck;

import dev.chronoscale.gateway.ts2021.AuthenticatedMachine;
import dev.chronoscale.gateway.ts2021.StreamReplies;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.tailcfg.SshRuleAction;
import dev.chronoscale.tailcfg.TailcfgJson;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /machine/ssh/action/<src node id>/to/<dst node id>?local_user=...[&auth_id=...]}: a destination node
 * holding an SSH session under a {@code check} rule asks what to do (tailssh fetches the rule's HoldAndDelegate URL
 * over its Noise connection, with the placeholders filled in). Only the destination node itself may ask.
 * <ul>
 *   <li>Without {@code auth_id}: accepted at once when the source's person was approved for this destination and
 *   local user within the rule's {@code checkPeriod}; otherwise a check is opened and the answer is a message with
 *   the check's page and a HoldAndDelegate to the same route with the check's {@code auth_id}.</li>
 *   <li>With {@code auth_id}: held until the check is decided (accept or reject), or, after {@link #hold}, answered
 *   with the same HoldAndDelegate so the client asks again.</li>
 * </ul>
 * The check period is the policy's, looked up here, never taken from the URL, which the client could change.
 */
public final class SshActionEndpoint {

    private static final Pattern PATH = Pattern.compile("/machine/ssh/action/([^/]*)/to/([^/]*)");
    /** How often a held request reads its check again, for decisions made on another instance. */
    private static final Duration REREAD = Duration.ofSeconds(1);

    private final Netmap netmap;
    private final SshChecks checks;
    private final SshCheckWakeUps wakeUps;
    private final Clock clock;
    private final String serverUrl;
    private final Duration hold;

    /** @param hold how long one request is held before the client is told to ask again */
    public SshActionEndpoint(Netmap netmap, SshChecks checks, SshCheckWakeUps wakeUps, Clock clock, String serverUrl,
                             Duration hold) {
        this.netmap = netmap;
        this.checks = checks;
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.serverUrl = serverUrl;
        this.hold = hold;
    }

    public static boolean handles(String path) {
        return path.startsWith("/machine/ssh/action/");
    }

    /** A refused request: its HTTP status and the text the client logs. */
    private static final class Refused extends Exception {
        final HttpResponseStatus status;

        Refused(HttpResponseStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** The session the request asks about, as the URL names it. */
    private record Session(NetmapNode source, NetmapNode destination, String sshUser, String localUser) {
    }

    public void answer(Channel stream, AuthenticatedMachine machine, String uri) throws InterruptedException {
        try {
            SshRuleAction action = decide(machine, new QueryStringDecoder(uri));
            StreamReplies.json(stream, TailcfgJson.write(action));
        } catch (Refused refused) {
            StreamReplies.text(stream, refused.status, refused.getMessage());
        }
    }

    private SshRuleAction decide(AuthenticatedMachine machine, QueryStringDecoder request) throws Refused, InterruptedException {
        Session session = session(machine, request);
        Optional<Duration> period = netmap.read(view -> view.sshCheckPeriod(session.source().id(),
                session.destination().id(), session.localUser()));
        Optional<String> checkId = parameter(request, "auth_id");
        if (checkId.isPresent()) {
            return followUp(session, checkId.get());
        }
        if (period.isEmpty()) {
            return SshRuleAction.reject("# The tailnet policy has no SSH check rule for this session (node "
                    + session.source().id() + " to node " + session.destination().id() + " as " + session.localUser()
                    + ").\n");
        }
        Instant now = clock.instant();
        if (!period.get().isZero()) {
            Optional<Instant> approved = checks.lastApproval(session.source().id(), owner(session.source()),
                    session.destination().id(), session.localUser());
            if (approved.isPresent() && now.isBefore(approved.get().plus(period.get()))) {
                return SshRuleAction.ACCEPT;
            }
        }
        SshCheck check = checks.open(session.source().id(), owner(session.source()), session.destination().id(),
                session.sshUser(), session.localUser(), period.get(), now);
        return SshRuleAction.holdAndDelegate(followUpUrl(check),
                "# Chronoscale SSH requires an additional check.\n"
                        + "# To authenticate, visit: " + serverUrl + "/ssh/check/" + check.id() + "\n"
                        + "# Authentication checked with Chronoscale SSH.\n");
    }

    private SshRuleAction followUp(Session session, String checkId) throws Refused, InterruptedException {
        if (!SshChecks.isCheckId(checkId)) {
            throw new Refused(HttpResponseStatus.BAD_REQUEST,
                    "invalid auth_id: expected hskey-authreq- followed by 24 characters");
        }
        SshCheck check = checks.find(checkId)
                .orElseThrow(() -> new Refused(HttpResponseStatus.NOT_FOUND, "no SSH check " + checkId));
        if (check.sourceNodeId() != session.source().id() || check.destinationNodeId() != session.destination().id()
                || !check.localUser().equals(session.localUser())) {
            throw new Refused(HttpResponseStatus.FORBIDDEN, "SSH check " + checkId + " is for node "
                    + check.sourceNodeId() + " to node " + check.destinationNodeId() + " as " + check.localUser()
                    + ", not for this session");
        }
        // The hold is real waiting time, whatever the server's clock says.
        Instant heldUntil = Instant.now().plus(hold);
        while (check.isPending() && Instant.now().isBefore(heldUntil)) {
            wakeUps.await(REREAD);
            check = checks.find(checkId).orElseThrow();
        }
        if (check.isPending()) {
            return SshRuleAction.holdAndDelegate(followUpUrl(check), null);
        }
        SshCheck.Decided decided = check.decision().get();
        return decided.approved() ? SshRuleAction.ACCEPT
                : SshRuleAction.reject("# The SSH check was rejected.\n");
    }

    private Session session(AuthenticatedMachine machine, QueryStringDecoder request) throws Refused {
        Matcher path = PATH.matcher(request.path());
        if (!path.matches()) {
            throw new Refused(HttpResponseStatus.NOT_FOUND, "expected /machine/ssh/action/<src node id>/to/<dst node id>");
        }
        long sourceId = nodeId(path.group(1), "src_node_id");
        long destinationId = nodeId(path.group(2), "dst_node_id");
        String localUser = parameter(request, "local_user").filter(u -> !u.isBlank()).orElseThrow(() ->
                new Refused(HttpResponseStatus.BAD_REQUEST, "local_user is required"));
        String sshUser = parameter(request, "ssh_user").filter(u -> !u.isBlank()).orElse(localUser);
        NetmapNode destination = netmap.read(view -> view.node(destinationId)).orElseThrow(() ->
                new Refused(HttpResponseStatus.NOT_FOUND, "dst node " + destinationId + " not found"));
        // The destination asks whether to let a session in; anyone else asking could record approvals for it.
        if (!destination.machineKey().equals(machine.machineKey().text())) {
            throw new Refused(HttpResponseStatus.FORBIDDEN, "this machine is not node " + destinationId
                    + ": only the destination node of an SSH session asks about it");
        }
        NetmapNode source = netmap.read(view -> view.node(sourceId)).orElseThrow(() ->
                new Refused(HttpResponseStatus.NOT_FOUND, "src node " + sourceId + " not found"));
        return new Session(source, destination, sshUser, localUser);
    }

    private static long nodeId(String text, String name) throws Refused {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Refused(HttpResponseStatus.BAD_REQUEST, "invalid " + name + " \"" + text + "\": expected a node id");
    }

    /** A tagged node belongs to its tags, not to the user who tagged it: it is its own person. */
    private static Optional<Long> owner(NetmapNode node) {
        return node.tags().isEmpty() ? node.userId() : Optional.empty();
    }

    private String followUpUrl(SshCheck check) {
        return serverUrl + "/machine/ssh/action/" + check.sourceNodeId() + "/to/" + check.destinationNodeId()
                + "?local_user=" + URLEncoder.encode(check.localUser(), StandardCharsets.UTF_8)
                + "&auth_id=" + check.id();
    }

    private static Optional<String> parameter(QueryStringDecoder request, String name) {
        List<String> values = request.parameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
