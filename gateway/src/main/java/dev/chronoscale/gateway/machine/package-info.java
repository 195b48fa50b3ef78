/**
 * The {@code /machine/*} routes on the HTTP/2 streams of an authenticated ts2021 connection
 * ({@link dev.chronoscale.gateway.machine.MachineRequestHandler}).
 */
package dev.chronoscale.gateway.machine;
