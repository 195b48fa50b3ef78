package dev.chronoscale.gateway.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request as the transport saw it, before anyone has decided who sent it: the unix-socket peer
 * (present only on the local socket), the remote address, the headers.
 */
public record OperatorRequest(HttpMethod method, String path, Map<String, List<String>> query, HttpHeaders headers,
                              byte[] body, Optional<String> remoteAddress, Optional<UnixPeer> unixPeer) {

    /** The process on the other end of the unix socket; its uid is empty when the kernel would not say. */
    public record UnixPeer(OptionalInt uid) {
    }

    public Optional<String> header(CharSequence name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** What a route sees once its template matched. */
    public HttpRequestContext context(Map<String, String> pathParameters) {
        return new HttpRequestContext(method, path, pathParameters, query, body, cookies(), headers);
    }

    /** The {@code Cookie} headers' name/value pairs; the first of a name counts. */
    public Map<String, String> cookies() {
        Map<String, String> cookies = new HashMap<>();
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie cookie
                    : ServerCookieDecoder.LAX.decode(header)) {
                cookies.putIfAbsent(cookie.name(), cookie.value());
            }
        }
        return cookies;
    }
}
