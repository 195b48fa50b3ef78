/**
 * The operator side of the server: the use cases an administrator runs on users, pre-auth keys,
 * API keys, nodes and the policy ({@link dev.chronoscale.admin.UserAdmin} and its siblings), and the
 * {@code /api/v1} routes over them in {@link dev.chronoscale.admin.api}. The CLI reaches the same
 * routes through the local socket. What Tailscale clients talk to stays in the gateway, which
 * admin builds on and which knows nothing of it.
 */
package dev.chronoscale.admin;
