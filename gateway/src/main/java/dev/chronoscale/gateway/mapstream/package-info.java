/**
 * Body framing of {@code /machine/map} responses: each {@code MapResponse} is a 4-byte
 * little-endian length and one zstd frame of its JSON.
 */
package dev.chronoscale.gateway.mapstream;
