package dev.chronoscale.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.inventory.InventoryRebuilder;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Health, version, the OpenAPI document, and the projection rebuild. */
public final class SystemRoutes {

    private final BooleanSupplier databaseReachable;
    private final String version;
    private final InventoryRebuilder rebuilder;
    private Supplier<List<HttpRoute<Principal>>> allRoutes = List::of;

    public SystemRoutes(BooleanSupplier databaseReachable, String version, InventoryRebuilder rebuilder) {
        this.databaseReachable = databaseReachable;
        this.version = version;
        this.rebuilder = rebuilder;
    }

    /** The routes the OpenAPI document describes; set once the full route table exists. */
    public void describe(Supplier<List<HttpRoute<Principal>>> routes) {
        this.allRoutes = routes;
    }

    List<HttpRoute<Principal>> routes() {
        return List.of(
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/health", "Database connectivity", this::apiHealth),
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/openapi.json", "This document", this::openApi),
                PermittedRoute.needs(Permission.ADMIN_WRITE, HttpMethod.POST, "/api/v1/admin/rebuild-projections",
                        "Rebuild the inventory from the event store; streams progress as JSON lines", this::rebuild),
                PermittedRoute.needs(Permission.PUBLIC, HttpMethod.GET, "/health", "Liveness for load balancers (no authentication)", this::health),
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/version", "Server version", this::version),
                PermittedRoute.needs(Permission.PUBLIC, HttpMethod.GET, "/version", "Server version (no authentication)", this::version));
    }

    private HttpReply apiHealth(HttpRequestContext request, Principal principal) {
        boolean ok = databaseReachable.getAsBoolean();
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.put("databaseConnectivity", ok);
        return HttpReply.json(ok ? HttpResponseStatus.OK : HttpResponseStatus.INTERNAL_SERVER_ERROR, json.toString());
    }

    private HttpReply health(HttpRequestContext request, Principal principal) {
        boolean ok = databaseReachable.getAsBoolean();
        return new HttpReply.Whole(ok ? HttpResponseStatus.OK : HttpResponseStatus.INTERNAL_SERVER_ERROR,
                "application/health+json; charset=utf-8",
                ("{\"status\":\"" + (ok ? "pass" : "fail") + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private HttpReply version(HttpRequestContext request, Principal principal) {
        return AdminApi.ok(HeadscaleVersion.json(version));
    }

    private HttpReply rebuild(HttpRequestContext request, Principal principal) {
        return new HttpReply.Streamed(HttpResponseStatus.OK, "application/x-ndjson", lines -> {
            long replayed = rebuilder.rebuild((done, total) -> lines.accept("{\"done\":" + done + ",\"total\":" + total + "}"));
            lines.accept("{\"replayed\":" + replayed + "}");
        });
    }

    private HttpReply openApi(HttpRequestContext request, Principal principal) {
        ObjectNode doc = ApiJson.MAPPER.createObjectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Chronoscale admin API");
        info.put("version", version);
        info.put("description", "Headscale-compatible /api/v1. Authenticate with 'Authorization: Bearer <API key>'. "
                + "Errors are RFC 7807 problem documents that also carry Headscale's code and message.");
        doc.putObject("components").putObject("securitySchemes").putObject("bearer")
                .put("type", "http").put("scheme", "bearer");
        doc.putArray("security").addObject().putArray("bearer");
        ObjectNode paths = doc.putObject("paths");
        for (HttpRoute<?> route : allRoutes.get()) {
            String path = route.template();
            ObjectNode operation = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            ObjectNode op = operation.putObject(route.method().name().toLowerCase(Locale.ROOT));
            op.put("summary", route.summary());
            // Which roles may call it: docs/identity.md's permission table.
            PermittedRoute.of(route).ifPresent(need -> op.put("x-chronoscale-permission", need.name().toLowerCase(Locale.ROOT)));
            ArrayNode parameters = op.putArray("parameters");
            for (String name : route.parameterNames()) {
                ObjectNode p = parameters.addObject();
                p.put("name", name);
                p.put("in", "path");
                p.put("required", true);
                p.putObject("schema").put("type", "string");
            }
            ObjectNode responses = op.putObject("responses");
            responses.putObject("200").put("description", "success");
            responses.putObject("default").put("description", "RFC 7807 problem document");
        }
        return AdminApi.ok(doc);
    }
}
