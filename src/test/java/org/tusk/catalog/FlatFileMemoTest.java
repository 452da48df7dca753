package org.tusk.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/** A flat catalog file is parsed again exactly when its content changed, and every caller gets its own list. */
class FlatFileMemoTest {
    @TempDir
    Path dir;

    @Test
    void parsesAgainOnlyWhenTheBytesChange() throws Exception {
        Path file = dir.resolve("pg_authid");
        Files.writeString(file, "a\nb\n");
        FlatFileMemo<String> memo = new FlatFileMemo<>();
        AtomicInteger parses = new AtomicInteger();
        java.util.function.Function<String, List<String>> parse = t -> { parses.incrementAndGet(); return t.lines().toList(); };
        List<String> first = memo.get(file, parse);
        List<String> second = memo.get(file, parse);
        assertEquals(List.of("a", "b"), second);
        assertEquals(1, parses.get());
        assertNotSame(first, second);
        first.add("changed by a caller");
        assertEquals(List.of("a", "b"), memo.get(file, parse), "a caller's change does not reach the memo");
        Files.writeString(file, "a\nc\n");   // same length, other content
        assertEquals(List.of("a", "c"), memo.get(file, parse));
        assertEquals(2, parses.get());
    }
}
