package dev.chronoscale.compliance.evidence;

/** The audit chain's last record at some instant: its position and its hash (position 0 is the empty chain). */
public record ChainHead(long position, String hash) {
}
