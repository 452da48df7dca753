package org.tusk.utils.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.utils.error.Severity;

class ConfigFileParserTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static List<String> pairs(ConfigFileContents c) {
        return c.settings().stream().map(i -> i.name() + "=" + i.value() + "@" + i.line()).toList();
    }

    @Test
    void namesValuesQuotesAndComments() throws IOException {
        Path conf = write("postgresql.conf", """
                # a comment line

                port = 5433            # trailing comment
                shared_buffers 256MB
                listen_addresses = '*'
                log_line_prefix = '%m [%p] it''s \\'quoted\\'\\t!'
                random_page_cost = 1.1
                myapp.setting = on
                unix_socket_directories = '/var/run/tusk, /tmp'
                search_path = '"$user", public'
                enable_seqscan=off
                octal = '\\101\\102'
                timezone = Europe/Paris""");
        ConfigFileContents c = ConfigFileParser.parse(conf, true, Severity.LOG);
        assertTrue(c.ok(), c.messages().toString());
        assertEquals(List.of("port=5433@3", "shared_buffers=256MB@4", "listen_addresses=*@5",
                "log_line_prefix=%m [%p] it's 'quoted'\t!@6", "random_page_cost=1.1@7", "myapp.setting=on@8",
                "unix_socket_directories=/var/run/tusk, /tmp@9", "search_path=\"$user\", public@10",
                "enable_seqscan=off@11", "octal=AB@12", "timezone=Europe/Paris@13"), pairs(c));
        assertEquals(conf.toString(), c.settings().get(0).file());
    }

    @Test
    void syntaxErrorsNameFileLineAndToken() throws IOException {
        Path conf = write("postgresql.conf", """
                port = 5433
                log_directory = /var/log
                work_mem = 1.5GB
                max_connections =
                = 3
                fsync = off
                """);
        ConfigFileContents c = ConfigFileParser.parse(conf, true, Severity.LOG);
        assertFalse(c.ok());
        List<String> texts = c.messages().stream().map(GucMessage::text).toList();
        assertEquals(List.of(
                "syntax error in file \"" + conf + "\" line 2, near token \"/\"",
                "syntax error in file \"" + conf + "\" line 3, near token \"GB\"",
                "syntax error in file \"" + conf + "\" line 4, near end of line",
                "syntax error in file \"" + conf + "\" line 5, near token \"=\""), texts);
        assertEquals("42601", c.messages().get(0).sqlState());
        assertEquals(Severity.LOG, c.messages().get(0).severity());
        // Good lines are still returned, so pg_file_settings can show them.
        assertEquals(List.of("port=5433@1", "fsync=off@6"), pairs(c));
    }

    @Test
    void backendsGiveUpAfterTheFirstSyntaxError() throws IOException {
        Path conf = write("postgresql.conf", "a = /x\nb = /y\n");
        ConfigFileContents c = ConfigFileParser.parse(conf, true, Severity.DEBUG);
        assertEquals(List.of("syntax error in file \"" + conf + "\" line 1, near token \"/\"",
                "too many syntax errors found, abandoning file \"" + conf + "\""),
                c.messages().stream().map(GucMessage::text).toList());
    }

    @Test
    void includesAreRelativeToTheIncludingFile() throws IOException {
        write("conf.d/20-second.conf", "work_mem = '8MB'\n");
        write("conf.d/10-first.conf", "work_mem = '2MB'\nport = 6000\n");
        write("conf.d/ignored.txt", "port = 1\n");
        write("conf.d/.hidden.conf", "port = 2\n");
        write("sub/extra.conf", "include 'more.conf'\n");
        write("sub/more.conf", "max_connections = 50\n");
        Path conf = write("postgresql.conf", """
                port = 5433
                include_dir 'conf.d'
                include = 'sub/extra.conf'
                include_if_exists 'missing.conf'
                fsync = off
                """);
        ConfigFileContents c = ConfigFileParser.parse(conf, true, Severity.LOG);
        assertTrue(c.ok(), c.messages().toString());
        assertEquals(List.of("port=5433@1", "work_mem=2MB@1", "port=6000@2", "work_mem=8MB@1", "max_connections=50@1",
                "fsync=off@5"), pairs(c));
        assertEquals(dir.resolve("sub/more.conf").toString(), c.settings().get(4).file());
        assertEquals(List.of("skipping missing configuration file \"" + dir.resolve("missing.conf") + "\""),
                c.messages().stream().map(GucMessage::text).toList());
    }

    @Test
    void includeErrors() throws IOException {
        Path conf = write("postgresql.conf", """
                include 'nothere.conf'
                include 'postgresql.conf'
                include ''
                include_dir 'nodir'
                """);
        ConfigFileContents c = ConfigFileParser.parse(conf, true, Severity.LOG);
        assertFalse(c.ok());
        assertEquals(List.of(
                "could not open configuration file \"" + dir.resolve("nothere.conf") + "\": No such file or directory",
                "configuration file recursion in \"" + conf + "\"",
                "empty configuration file name: \"\"",
                "could not open configuration directory \"" + dir.resolve("nodir") + "\": No such file or directory"),
                c.messages().stream().map(GucMessage::text).toList());
        assertEquals("58P01", c.messages().get(0).sqlState());
        assertEquals("54000", c.messages().get(1).sqlState());
        assertEquals(4, c.items().stream().filter(ConfigItem::isError).count());
    }

    @Test
    void missingMainFile() {
        ConfigFileContents c = ConfigFileParser.parse(dir.resolve("absent.conf"), true, Severity.LOG);
        assertFalse(c.ok());
        assertEquals("could not open configuration file \"" + dir.resolve("absent.conf")
                + "\": No such file or directory", c.messages().get(0).text());
    }

    @Test
    void deescape() {
        assertEquals("a'b", ConfigFileParser.deescape("'a''b'"));
        assertEquals("a\nb\\c", ConfigFileParser.deescape("'a\\nb\\\\c'"));
        assertEquals("é", ConfigFileParser.deescape("'\\303\\251'"));
        assertEquals("x", ConfigFileParser.deescape("'\\x'"));
    }
}
