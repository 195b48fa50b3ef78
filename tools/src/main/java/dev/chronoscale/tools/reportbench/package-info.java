/**
 * The compliance reports' benchmark: each report over a long history (a year, 10,000 nodes from {@code bench history}'s
 * generator), built and written in every format, timed.
 */
package dev.chronoscale.tools.reportbench;
