package org.tusk.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The last parse of one flat-file shared catalog ({@code global/pg_authid} and its siblings, see
 * BootstrapCatalog) in this process, keyed by the file's content: every use still reads the file
 * (a few kilobytes, so that a change committed by another backend is seen at once, as before), but
 * parses it again only when its bytes differ from those of the last parse. Authentication, the
 * session's start and privilege checks read these files over and over; parsing them was most of
 * the cost.
 *
 * <p>The parse is a pure function of the bytes and its elements are immutable records, so one
 * memo can serve the whole process (every session a reused backend serves, and any thread);
 * access is synchronized. Callers get a fresh list each time, since some of them change it.
 */
final class FlatFileMemo<T> {
    private byte[] bytes;
    private List<T> parsed;

    /** The rows of {@code file} as {@code parse} makes them from its text. */
    List<T> get(Path file, Function<String, List<T>> parse) {
        byte[] now;
        try {
            now = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read catalog file \"" + file + "\"", e);
        }
        synchronized (this) {
            if (parsed != null && Arrays.equals(now, bytes)) return new ArrayList<>(parsed);
        }
        List<T> fresh = List.copyOf(parse.apply(new String(now, StandardCharsets.UTF_8)));
        synchronized (this) {
            bytes = now;
            parsed = fresh;
        }
        return new ArrayList<>(fresh);
    }
}
