package org.tusk.access.sequence;

/**
 * A sequence's parameters, as pg_sequence keeps them.
 *
 * @param typeOid   seqtypid: int2, int4 or int8
 * @param start     seqstart
 * @param increment seqincrement (never 0)
 * @param max       seqmax
 * @param min       seqmin
 * @param cache     seqcache (at least 1): values a backend reserves at a time
 * @param cycle     seqcycle
 */
public record SeqParams(int typeOid, long start, long increment, long max, long min, long cache, boolean cycle) {}
