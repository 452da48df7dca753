package org.tusk.libpq;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tusk.utils.error.SqlState;

/**
 * A loaded pg_hba.conf: its records in file order, searched first-match-wins.
 *
 * <p>Loading is all or nothing, as PostgreSQL's {@code load_hba()}: every line is parsed, every
 * bad line is reported, and if there was any the file is refused (the postmaster then keeps its
 * previous rules, or refuses to start). A file without records is refused too, since nobody could
 * connect.
 */
public final class HbaFile {
    private final Path path;
    private final List<HbaLine> lines;
    private final List<HbaParseException> warnings;

    private HbaFile(Path path, List<HbaLine> lines, List<HbaParseException> warnings) {
        this.path = path;
        this.lines = List.copyOf(lines);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads and parses a pg_hba.conf file.
     *
     * @throws HbaParseException (severity LOG) if the file cannot be read, has no records, or has
     *                           invalid lines; {@link HbaParseException#allErrors()} lists them all
     */
    public static HbaFile load(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw HbaParseException.forFile(SqlState.UNDEFINED_FILE,
                    "could not open configuration file \"" + path + "\": No such file or directory");
        } catch (IOException e) {
            throw HbaParseException.forFile(SqlState.IO_ERROR,
                    "could not open configuration file \"" + path + "\": " + e.getMessage());
        }
        return LAST.get(path, text);
    }

    /**
     * The last file parsed and its text: every connection reads pg_hba.conf (as before: an edit is
     * seen by the next connection), but parses it only when the text changed. A process-wide memo
     * of an immutable result that depends only on the path and text, not session state.
     */
    private static final class LastParse {
        private HbaFile file;
        private String text;

        synchronized HbaFile get(Path path, String now) {
            if (file == null || !file.path.equals(path) || !now.equals(text)) {
                file = parse(path, now);
                text = now;
            }
            return file;
        }
    }

    private static final LastParse LAST = new LastParse();

    /** Parses pg_hba.conf text; {@code path} is only used in reports. */
    public static HbaFile parse(Path path, String text) {
        String fileName = path.toString();
        List<HbaLine> lines = new ArrayList<>();
        List<HbaParseException> warnings = new ArrayList<>();
        List<HbaParseException> errors = new ArrayList<>();
        for (HbaTokenizer.Line tokenized : HbaTokenizer.tokenize(text)) {
            try {
                lines.add(HbaLineParser.parse(fileName, tokenized, warnings::add));
            } catch (HbaParseException e) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            throw HbaParseException.firstOf(errors);
        }
        if (lines.isEmpty()) {
            throw HbaParseException.forFile(SqlState.CONFIG_FILE_ERROR,
                    "configuration file \"" + fileName + "\" contains no entries");
        }
        return new HbaFile(path, lines, warnings);
    }

    /**
     * The first record that applies to a connection, or null if none does (PostgreSQL's implicit
     * reject).
     *
     * @param connType   {@link HbaConnType#LOCAL} for a Unix-socket connection, {@link HbaConnType#HOST}
     *                   for TCP
     * @param clientAddr the client's address; null for local connections
     */
    public HbaLine match(HbaConnType connType, String database, String user, InetAddress clientAddr) {
        if (connType == HbaConnType.HOST && clientAddr == null) {
            throw new IllegalArgumentException("a TCP connection needs a client address");
        }
        for (HbaLine line : lines) {
            if (line.matches(connType, database, user, clientAddr)) {
                return line;
            }
        }
        return null;
    }

    public Path path() {
        return path;
    }

    /** The records in file order. */
    public List<HbaLine> lines() {
        return lines;
    }

    /** Reports (severity LOG) about lines that were accepted but can never match. */
    public List<HbaParseException> warnings() {
        return warnings;
    }
}
