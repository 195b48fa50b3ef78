/**
 * Reports for reviews and auditors (access matrix at a point in time, key rotation, approvals, changes). Not built yet.
 */
package dev.chronoscale.compliance;
