/**
 * Who may reach what: the access matrix of a policy over a tailnet, row by row with the rule that grants each row,
 * computed with the live compiler (for the present, for an instant of history, and for a policy not yet applied).
 */
package dev.chronoscale.netmap.access;
