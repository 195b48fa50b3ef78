package dev.chronoscale.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.migration.HeadscaleDatabase;
import dev.chronoscale.admin.migration.HeadscaleSource;
import dev.chronoscale.admin.migration.ImportOutcome;
import dev.chronoscale.admin.migration.ImportPlan;
import dev.chronoscale.admin.migration.TailnetImport;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code POST /api/v1/import/headscale} with {@code {"from": "sqlite:PATH" | "postgres://...", "dryRun": bool,
 * "leaveBehind": bool}}: reads a Headscale database on the server's machine and seeds this new tailnet from it.
 * A refused import answers 409 with the same outcome a dry run gives, so the caller sees every reason.
 */
public final class ImportRoutes {

    private final TailnetImport tailnetImport;

    public ImportRoutes(TailnetImport tailnetImport) {
        this.tailnetImport = tailnetImport;
    }

    public List<HttpRoute<Principal>> routes() {
        return List.of(PermittedRoute.needs(Permission.ADMIN_WRITE, HttpMethod.POST, "/api/v1/import/headscale",
                "Import a Headscale database (from=sqlite:PATH or postgres://..., dryRun, leaveBehind)", this::importHeadscale));
    }

    private HttpReply importHeadscale(HttpRequestContext request, Principal principal) {
        RequestBody body = RequestBody.of(request);
        HeadscaleSource source = HeadscaleSource.parse(body.text("from").orElseThrow(() -> DomainException.invalid(
                "from is required: sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE")));
        boolean dryRun = body.flag("dryRun") || body.flag("dry_run");
        boolean leaveBehind = body.flag("leaveBehind") || body.flag("leave_behind");
        ImportPlan plan;
        try (Connection connection = source.open()) {
            plan = new HeadscaleDatabase(connection, source.name()).read();
        } catch (SQLException e) {
            throw DomainException.invalid("cannot read " + source.name() + ": " + e.getMessage());
        }
        ImportOutcome outcome = tailnetImport.run(plan, dryRun, leaveBehind, principal.auditContext());
        ObjectNode json = json(outcome, plan.sourceSchema(), dryRun);
        if (!outcome.refusals().isEmpty()) {
            json.put("detail", "the import was refused: " + String.join("; ", outcome.refusals()));
            return HttpReply.json(HttpResponseStatus.CONFLICT, json.toString());
        }
        return AdminApi.ok(json);
    }

    private static ObjectNode json(ImportOutcome outcome, String schema, boolean dryRun) {
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.put("source", outcome.source());
        json.put("sourceSchema", schema);
        json.put("dryRun", dryRun);
        json.put("applied", outcome.applied());
        json.put("users", outcome.users());
        json.put("nodes", outcome.nodes());
        json.put("preAuthKeys", outcome.preAuthKeys());
        json.put("apiKeys", outcome.apiKeys());
        json.put("policy", outcome.policy());
        ArrayNode notCarried = json.putArray("notCarried");
        outcome.notCarried().forEach(notCarried::add);
        ArrayNode notes = json.putArray("notes");
        outcome.notes().forEach(notes::add);
        ArrayNode refusals = json.putArray("refusals");
        outcome.refusals().forEach(refusals::add);
        return json;
    }
}
