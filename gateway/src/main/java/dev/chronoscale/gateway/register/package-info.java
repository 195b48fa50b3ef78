/**
 * {@code POST /machine/register} ({@link dev.chronoscale.gateway.register.NodeRegistrar}), the
 * interactive logins waiting for an administrator
 * ({@link dev.chronoscale.gateway.register.InteractiveLogins}, decided through
 * {@link dev.chronoscale.gateway.register.PendingRegistrations} by the admin API) and the page their
 * users are sent to ({@link dev.chronoscale.gateway.register.RegistrationPage}).
 */
package dev.chronoscale.gateway.register;
