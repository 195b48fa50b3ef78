package dev.chronoscale.gateway.http;

/**
 * The one point where the public port hands over everything that is not the Tailscale protocol
 * (the admin API, the registration page, health): the operator side decides who is calling and
 * what answers. Called off the event loop, since it reaches the database.
 */
@FunctionalInterface
public interface OperatorDispatch {
    HttpReply serve(OperatorRequest request) throws Exception;
}
