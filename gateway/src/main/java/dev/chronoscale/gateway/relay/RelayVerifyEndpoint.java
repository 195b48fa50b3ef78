package dev.chronoscale.gateway.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.gateway.http.ErrorReplies.BadRequestException;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;

/**
 * {@code POST /verify}, the URL a relay's {@code --verify-client-url} points at (derper's and ours): the relay
 * sends {@code {"NodePublic": "nodekey:…", "Source": "…"}} for each client that connects, and lets it in when
 * the answer is {@code {"Allow": true}}.
 */
public final class RelayVerifyEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RelayAdmission admission;

    public RelayVerifyEndpoint(RelayAdmission admission) {
        this.admission = admission;
    }

    /** The relay is not an operator: the route needs no caller, only a node key to look up. */
    public <C> HttpRoute<C> route() {
        return new HttpRoute<>(HttpMethod.POST, "/verify",
                "DERP admission (derper's --verify-client-url): may this node key use our relays?",
                (request, caller) -> verify(request));
    }

    private HttpReply verify(HttpRequestContext request) {
        boolean allow = admission.admits(nodeKey(request));
        return HttpReply.json(HttpResponseStatus.OK, JSON.createObjectNode().put("Allow", allow).toString());
    }

    private static String nodeKey(HttpRequestContext request) {
        JsonNode body;
        try {
            body = request.body().length == 0 ? null : JSON.readTree(request.body());
        } catch (IOException e) {
            throw new BadRequestException("malformed JSON body: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (body != null && !body.isObject()) {
            throw new BadRequestException("the request body must be a JSON object");
        }
        JsonNode key = body == null ? null : body.get("NodePublic");
        if (key == null || !key.isTextual() || key.asText().isEmpty()) {
            throw DomainException.invalid("NodePublic is required");
        }
        return key.asText();
    }
}
