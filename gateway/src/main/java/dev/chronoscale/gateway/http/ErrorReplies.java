package dev.chronoscale.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.domain.DomainException;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * The one place where failures become HTTP answers: RFC 7807 problem documents, which also carry
 * Headscale's {@code code} (gRPC status) and {@code message} so scripts written for either work.
 */
public final class ErrorReplies {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReplies.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorReplies() {
    }

    /** Thrown by routes for malformed requests (bad JSON, bad numbers, missing fields). */
    public static final class BadRequestException extends RuntimeException {
        public BadRequestException(String message) {
            super(message);
        }
    }

    /** Thrown when a request needs a logged-in caller and has none; answered like a missing API key. */
    public static final class UnauthorizedException extends RuntimeException {
        public UnauthorizedException(String message) {
            super(message);
        }
    }

    /**
     * A failure Headscale answers with gRPC's Unknown status (code 2, HTTP 500) and that tools recognise by its
     * message, such as "acl policy not found": answered the same, and not logged as a server fault.
     */
    public static final class UnknownStatusException extends RuntimeException {
        public UnknownStatusException(String message) {
            super(message);
        }
    }

    /**
     * A refusal answered with Headscale's wording in {@code message}, for tools that read it (Headplane's policy
     * editor looks for "parsing policy from bytes:"); {@code detail} keeps the refusal's own.
     */
    public static final class WordedAsHeadscale extends RuntimeException {
        private final DomainException refusal;
        private final String headscaleMessage;

        public WordedAsHeadscale(DomainException refusal, String headscaleMessage) {
            super(refusal.getMessage(), refusal);
            this.refusal = refusal;
            this.headscaleMessage = headscaleMessage;
        }
    }

    public static HttpReply of(Throwable failure) {
        if (failure instanceof WordedAsHeadscale worded) {
            return problem(status(worded.refusal.kind()), grpcCode(worded.refusal.kind()), worded.refusal.getMessage(),
                    worded.headscaleMessage);
        }
        if (failure instanceof UnauthorizedException) {
            return unauthorized();
        }
        if (failure instanceof UnknownStatusException unknown) {
            return problem(HttpResponseStatus.INTERNAL_SERVER_ERROR, 2, unknown.getMessage());
        }
        if (failure instanceof DomainException domain) {
            return problem(status(domain.kind()), grpcCode(domain.kind()), domain.getMessage());
        }
        if (failure instanceof BadRequestException || failure instanceof JsonProcessingException) {
            return problem(HttpResponseStatus.BAD_REQUEST, 3, failure instanceof JsonProcessingException json
                    ? "malformed JSON body: " + json.getOriginalMessage() : failure.getMessage());
        }
        LOG.error("request failed", failure);
        return problem(HttpResponseStatus.INTERNAL_SERVER_ERROR, 13, "internal error; see the server log");
    }

    public static HttpReply unauthorized() {
        return problem(HttpResponseStatus.UNAUTHORIZED, 16, "Unauthorized");
    }

    public static HttpReply notFound(String path) {
        return problem(HttpResponseStatus.NOT_FOUND, 5, "no such endpoint: " + path);
    }

    /** A service this request depends on (an identity provider, say) failed or could not be reached: gRPC's UNAVAILABLE. */
    public static HttpReply badGateway(String detail) {
        return problem(HttpResponseStatus.BAD_GATEWAY, 14, detail);
    }

    /** The caller holds as many of something (open event streams) as it may: gRPC's RESOURCE_EXHAUSTED. */
    public static HttpReply tooManyRequests(String detail) {
        return problem(HttpResponseStatus.TOO_MANY_REQUESTS, 8, detail);
    }

    public static HttpReply methodNotAllowed(String method, String path) {
        return problem(HttpResponseStatus.METHOD_NOT_ALLOWED, 12, method + " is not allowed on " + path);
    }

    /** The HTTP status a refused command answers with, on the API and on the pages people see. */
    public static HttpResponseStatus status(DomainException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            case CONFLICT -> HttpResponseStatus.CONFLICT;
            case INVALID -> HttpResponseStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpResponseStatus.FORBIDDEN;
        };
    }

    private static int grpcCode(DomainException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 5;
            case CONFLICT -> 6;
            case INVALID -> 3;
            case FORBIDDEN -> 7;
        };
    }

    static HttpReply problem(HttpResponseStatus status, int grpcCode, String detail) {
        return problem(status, grpcCode, detail, detail);
    }

    private static HttpReply problem(HttpResponseStatus status, int grpcCode, String detail, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", status.reasonPhrase());
        body.put("status", status.code());
        body.put("detail", detail);
        body.put("code", grpcCode);
        body.put("message", message);
        body.putArray("details");
        return new HttpReply.Whole(status, "application/problem+json", body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
