/**
 * {@code POST /machine/register} ({@link dev.chronoscale.gateway.register.NodeRegistrar}), the
 * interactive logins waiting for an administrator
 * ({@link dev.chronoscale.gateway.register.InteractiveLogins}) and the page their users are sent to
 * ({@link dev.chronoscale.gateway.register.RegistrationPage}).
 */
package dev.chronoscale.gateway.register;
