package org.tusk.commands;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** COPY's text and CSV formats: options, line splitting, field parsing and output, as PostgreSQL 15 does them. */
class CopyFormatTest {
    private static CopyOptions opts(String... nameValue) {
        List<Stmt.DefElem> l = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) l.add(new Stmt.DefElem(nameValue[i], nameValue[i + 1], 0));
        return CopyOptions.process(l, true);
    }

    /** A source that hands the input over in chunks of {@code chunk} bytes, so lines cross chunks. */
    private static CopySource source(String data, int chunk) {
        byte[] b = data.getBytes(StandardCharsets.UTF_8);
        Deque<byte[]> q = new ArrayDeque<>();
        for (int i = 0; i < b.length; i += chunk) q.add(Arrays.copyOfRange(b, i, Math.min(b.length, i + chunk)));
        return new CopySource() {
            @Override public void start(int natts) { }

            @Override public byte[] read() { return q.poll(); }
        };
    }

    private static List<String> lines(String data, CopyOptions o) {
        CopyLineReader r = new CopyLineReader(source(data, 3), o);
        List<String> out = new ArrayList<>();
        for (String l; (l = r.readLine()) != null; ) out.add(l);
        return out;
    }

    private static String errorOf(Runnable r) {
        PgException e = assertThrows(PgException.class, r::run);
        return e.sqlState() + " " + e.getMessage();
    }

    @Test
    void optionDefaultsAndChecks() {
        assertEquals(new CopyOptions(false, '\t', "\\N", false, (char) 0, (char) 0, false), opts());
        assertEquals(new CopyOptions(true, ',', "", true, '"', '"', false), opts("format", "csv", "header", "on"));
        assertEquals('\'', opts("format", "csv", "quote", "'").escape(), "escape defaults to quote");
        assertEquals("42601 conflicting or redundant options", errorOf(() -> opts("null", "a", "null", "b")));
        assertEquals("22023 COPY format \"xml\" not recognized", errorOf(() -> opts("format", "xml")));
        assertEquals("0A000 COPY delimiter must be a single one-byte character", errorOf(() -> opts("delimiter", "ab")));
        assertEquals("0A000 COPY quote available only in CSV mode", errorOf(() -> opts("quote", "'")));
        assertEquals("22023 COPY delimiter and quote must be different",
                errorOf(() -> opts("format", "csv", "delimiter", "'", "quote", "'")));
        assertEquals("22023 COPY delimiter must not appear in the NULL specification",
                errorOf(() -> opts("delimiter", ",", "null", "a,b")));
        assertEquals("0A000 COPY delimiter cannot be \"a\"", errorOf(() -> opts("delimiter", "a")));
        assertEquals("42601 header requires a Boolean value or \"match\"", errorOf(() -> opts("header", "x")));
        assertEquals("42601 option \"bogus\" not recognized", errorOf(() -> opts("bogus", null)));
    }

    @Test
    void linesEndAtAnyNewlineAndAtTheEndMarker() {
        CopyOptions text = opts();
        assertEquals(List.of("a\tb", "c", "d"), lines("a\tb\nc\r\nd\r\\.\nignored\n", text));
        assertEquals(List.of("x"), lines("x", text), "no newline at the end");
        assertEquals(List.of("a\\\tb"), lines("a\\\tb\n", text), "a backslash keeps the next byte in the line");
        CopyOptions csv = opts("format", "csv");
        assertEquals(List.of("1,\"two\nlines\"", "2,x"), lines("1,\"two\nlines\"\n2,x\n", csv), "quoted newlines are data");
    }

    @Test
    void textFieldsAndEscapes() {
        CopyFieldParser p = new CopyFieldParser(opts());
        assertEquals(Arrays.asList("a", null, "", "tab\there", "nl\nx", "\\", "A", "é"),
                p.split("a\t\\N\t\ttab\\there\tnl\\nx\t\\\\\t\\101\té"));
        assertEquals(Arrays.asList("\\N"), p.split("\\\\N"), "the NULL string is matched before de-escaping");
        assertEquals(Arrays.asList("a", "b c"), new CopyFieldParser(opts("delimiter", "|")).split("a|b c"));
    }

    @Test
    void csvFieldsQuotesAndNulls() {
        CopyFieldParser p = new CopyFieldParser(opts("format", "csv"));
        assertEquals(Arrays.asList("1", null, "", "q,uo\"te", "x"), p.split("1,,\"\",\"q,uo\"\"te\",x"));
        CopyFieldParser esc = new CopyFieldParser(opts("format", "csv", "escape", "\\"));
        assertEquals(Arrays.asList("a\"b", "c\\d"), esc.split("\"a\\\"b\",\"c\\\\d\""));
        assertEquals("22P04 unterminated CSV quoted field", errorOf(() -> p.split("1,\"abc")));
    }

    @Test
    void outputEscapesWhatInputReadsBack() {
        CopyTo text = new CopyTo(opts(), new boolean[4]);
        String row = new String(text.format(new String[] {"a\tb", null, "back\\slash", "nl\n"}, false), StandardCharsets.UTF_8);
        assertEquals("a\\tb\t\\N\tback\\\\slash\tnl\\n\n", row);
        assertEquals(Arrays.asList("a\tb", null, "back\\slash", "nl\n"),
                new CopyFieldParser(opts()).split(row.substring(0, row.length() - 1)));
        CopyTo csv = new CopyTo(opts("format", "csv"), new boolean[5]);
        assertEquals("1,,\"\",\"a,b\",\"q\"\"t\"\n",
                new String(csv.format(new String[] {"1", null, "", "a,b", "q\"t"}, false), StandardCharsets.UTF_8));
        assertEquals("\"\\.\"\n", new String(csv.format(new String[] {"\\."}, false), StandardCharsets.UTF_8),
                "a lone \\. is quoted so that it is not the end marker");
    }

    @Test
    void forceQuoteQuotesEveryValueButNullAndNotTheHeader() {
        List<Stmt.DefElem> l = new ArrayList<>();
        l.add(new Stmt.DefElem("format", "csv", 0));
        l.add(new Stmt.DefElem("force_quote", "*", 0));
        CopyOptions o = CopyOptions.process(l, false);
        assertEquals(true, o.forceQuoteAll());
        CopyTo csv = new CopyTo(o, new boolean[] {true, false, true});
        assertEquals("\"1\",x,\n", new String(csv.format(new String[] {"1", "x", null}, false), StandardCharsets.UTF_8));
        assertEquals("a,b,c\n", new String(csv.format(new String[] {"a", "b", "c"}, true), StandardCharsets.UTF_8));
    }

    @Test
    void forceOptionsAreCheckedAsProcessCopyOptionsDoes() {
        List<Stmt.DefElem> quoteFrom = List.of(new Stmt.DefElem("format", "csv", 0),
                new Stmt.DefElem("force_quote", "a", 0, List.of("a")));
        assertEquals("0A000 COPY force quote only available using COPY TO", errorOf(() -> CopyOptions.process(quoteFrom, true)));
        List<Stmt.DefElem> notNullText = List.of(new Stmt.DefElem("force_not_null", "a", 0, List.of("a")));
        assertEquals("0A000 COPY force not null available only in CSV mode", errorOf(() -> CopyOptions.process(notNullText, true)));
        List<Stmt.DefElem> nullTo = List.of(new Stmt.DefElem("format", "csv", 0), new Stmt.DefElem("force_null", "a", 0, List.of("a")));
        assertEquals("0A000 COPY force null only available using COPY FROM", errorOf(() -> CopyOptions.process(nullTo, false)));
        List<Stmt.DefElem> notAList = List.of(new Stmt.DefElem("format", "csv", 0), new Stmt.DefElem("force_null", "a", 0));
        assertEquals("22023 argument to option \"force_null\" must be a list of column names",
                errorOf(() -> CopyOptions.process(notAList, true)));
        List<Stmt.DefElem> twice = List.of(new Stmt.DefElem("force_null", "a", 0, List.of("a")),
                new Stmt.DefElem("force_null", "b", 23, List.of("b")));
        PgException e = org.junit.jupiter.api.Assertions.assertThrows(PgException.class,
                () -> CopyOptions.process(twice, true, "COPY x from stdin (force_null (a), force_null (b))"));
        assertEquals("conflicting or redundant options", e.getMessage());
        assertEquals(24, e.position());
    }
}
