package org.tusk.utils.misc;

import java.security.SecureRandom;

/**
 * pg_prng.c: Blackman and Vigna's xoroshiro128** 1.0, the generator behind random() and
 * setseed(). The same seed gives the same sequence as PostgreSQL 15's, so a script that calls
 * setseed(0.5) before random() sees the numbers PostgreSQL shows. One per session (float.c's
 * drandom_seed is a backend-local static; a reused backend's next session starts unseeded).
 * Not cryptographically strong, and not thread-safe: a session runs on one thread.
 */
public final class PgPrng {
    private long s0, s1;
    private boolean seeded;

    /** initialize_drandom_seed: a session's generator is seeded from a strong source at its first use, unless setseed came first. */
    private void seedIfNeeded() {
        if (!seeded) seed(new SecureRandom().nextLong());
    }

    /** pg_prng_seed: the state from a 64-bit seed, through splitmix64. */
    public void seed(long seed) {
        long[] state = {seed};
        s0 = splitmix64(state);
        s1 = splitmix64(state);
        if (s0 == 0 && s1 == 0) {   // pg_prng_seed_check: all zeroes is a fixed point
            s0 = 0x5851F42D4C957F2DL;
            s1 = 0x14057B7EF767814FL;
        }
        seeded = true;
    }

    /** pg_prng_fseed: the state from a double in [-1, 1] (about 52 mantissa bits, and the sign). */
    public void fseed(double fseed) {
        seed((long) ((double) ((1L << 52) - 1) * fseed));
    }

    /** pg_prng_double: uniform in [0, 1). */
    public double nextDouble() {
        seedIfNeeded();
        return Math.scalb((double) (next() >>> (64 - 52)), -52);
    }

    private long next() {
        long a = s0, sx = s1 ^ a;
        long val = Long.rotateLeft(a * 5, 7) * 9;
        s0 = Long.rotateLeft(a, 24) ^ sx ^ (sx << 16);
        s1 = Long.rotateLeft(sx, 37);
        return val;
    }

    private static long splitmix64(long[] state) {
        long val = state[0] += 0x9E3779B97F4A7C15L;
        val = (val ^ (val >>> 30)) * 0xBF58476D1CE4E5B9L;
        val = (val ^ (val >>> 27)) * 0x94D049BB133111EBL;
        return val ^ (val >>> 31);
    }
}
