/**
 * Tailscale SSH check mode: the route a destination node asks about a held session
 * ({@link dev.chronoscale.gateway.sshcheck.SshActionEndpoint}), the stored checks
 * ({@link dev.chronoscale.gateway.sshcheck.SshChecks}), their decisions
 * ({@link dev.chronoscale.gateway.sshcheck.SshCheckDecider}, and the seam the OIDC login approves through,
 * {@link dev.chronoscale.gateway.sshcheck.SshCheckDecisions}) and the page a person is sent to
 * ({@link dev.chronoscale.gateway.sshcheck.SshCheckPage}).
 */
package dev.chronoscale.gateway.sshcheck;
