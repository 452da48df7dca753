package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * standard_conforming_strings and escape_string_warning as the scanner reads them (scan.l's
 * globals): a session's settings reach every parse made for it, the client's query (simple and
 * extended protocol), a SQL function's body, a PL/pgSQL body and its EXECUTE, and the stored
 * text of a default, a CHECK constraint and a view read again in that session (also by pg_get_expr); the WARNING for a
 * backslash escape reaches the client. Another session keeps its own settings.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StandardConformingStringsIT extends OneServerPerClass {

    @Test
    void theSessionsSettingsReachEveryParse() throws Exception {
        try (Connection off = server.connect(); Connection on = server.connect()) {
            exec(off, "set standard_conforming_strings = off");
            exec(off, "set escape_string_warning = off",
                    "create table scs (id int, v text default 'x\\'y' check (v <> 'q\\'q'))",
                    "insert into scs (id) values (1)",
                    "create view scs_view as select 'v\\'w' as c, v from scs",
                    "create function scs_sql() returns text language sql as 'select ''f\\\\''g'''",
                    "create function scs_pl() returns text language plpgsql as $$ declare r text; "
                            + "begin execute 'select ''e\\\\''x''' into r; return 'p\\'q' || r; end $$");
            assertEquals("a'b", joinedRows(off, "select 'a\\'b'"));
            try (PreparedStatement ps = off.prepareStatement("select 'c\\'d' || ?")) {
                ps.setString(1, "!");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals("c'd!", rs.getString(1));
                }
            }
            assertEquals("1 x'y", joinedRows(off, "select id || ' ' || v from scs"));
            assertEquals("v'w x'y", joinedRows(off, "select c || ' ' || v from scs_view"));
            assertEquals("f'g", joinedRows(off, "select scs_sql()"));
            assertEquals("p'qe'x", joinedRows(off, "select scs_pl()"));
            // ruleutils reads the stored default as it was written
            assertEquals("'x''y'::text", joinedRows(off, "select pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 'scs'::regclass"));
            exec(off, "set escape_string_warning = on");
            SQLWarning w = exec(off, "select 'a\\'b'");
            assertNotNull(w);
            assertEquals("nonstandard use of \\' in a string literal", w.getMessage().lines().findFirst().orElseThrow());
            // the other session scans with the defaults meanwhile: a backslash is an ordinary character
            assertEquals("a\\\\b", joinedRows(on, "select 'a\\\\b'"));
            assertNull(exec(on, "select 'a\\\\b'"));
        }
    }
}
