/**
 * The one family of IP values, for address allocation, configuration, the policy language and the netmap compiler.
 *
 * <ul>
 *   <li>{@link dev.chronoscale.domain.net.IpAddress}: an IPv4 or IPv6 address as two longs;</li>
 *   <li>{@link dev.chronoscale.domain.net.IpPrefix}: a CIDR prefix, host bits cleared;</li>
 *   <li>{@link dev.chronoscale.domain.net.IpRange}: an inclusive range of one family;</li>
 *   <li>{@link dev.chronoscale.domain.net.IpSet}: sorted disjoint ranges, looked up by binary search.</li>
 * </ul>
 *
 * Text is read by two rules: {@link dev.chronoscale.domain.net.IpPrefix#parse} as Tailscale writes it (policies,
 * and what this server wrote itself), {@link dev.chronoscale.domain.net.IpPrefix#parseLenient} for what operators
 * type (configuration, tailnet settings, requested routes). Both write the same canonical text (RFC 5952).
 */
package dev.chronoscale.domain.net;
