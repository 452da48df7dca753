package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * setseed() and random() (float.c): after setseed(x) a session's random() numbers are PostgreSQL
 * 15's for the same x (pg_prng.c's xoroshiro128**); the seed must lie in [-1, 1]; another
 * session's generator is its own. Expected values are PostgreSQL 15's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RandomSeedIT extends OneServerPerClass {
    @Test
    void setseedGivesPostgresSequence() throws Exception {
        try (Connection c = server.connect(); Connection other = server.connect()) {
            assertEquals("", Jdbc.joinedRows(c, "select setseed(0.5)"));
            assertEquals("0.9851677175347999;0.825301858027981;0.12974610012450416",
                    Jdbc.joinedRows(c, "select random() from generate_series(1, 3)"));
            // the other session's generator is untouched by c's setseed
            Jdbc.joinedRows(other, "select setseed(-0.25)");
            assertEquals("0.5553213340039351", Jdbc.joinedRows(other, "select random()"));
            assertEquals("ERROR: setseed parameter 1.5 is out of allowed range [-1,1]",
                    Jdbc.failsFirstLine(c, "select setseed(1.5)", "22023"));
        }
    }
}
