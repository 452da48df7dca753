package org.tusk.tsearch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * A stop-word list (ts_utils.c readstoplist): one word per line of
 * {@code tsearch_data/NAME.stop}, lower-cased, PostgreSQL's own files shipped as resources.
 * Loaded once per list and immutable afterwards.
 */
final class StopWords {
    private StopWords() {}

    private static volatile Set<String> english;

    static Set<String> english() {
        Set<String> s = english;
        if (s == null) english = s = read("english");
        return s;
    }

    private static Set<String> read(String name) {
        Set<String> out = new HashSet<>();
        try (var in = StopWords.class.getResourceAsStream("/tsearch_data/" + name + ".stop")) {
            if (in == null) throw new IllegalStateException("missing stop word file " + name);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                String w = line.strip().toLowerCase(java.util.Locale.ROOT);
                if (!w.isEmpty()) out.add(w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
