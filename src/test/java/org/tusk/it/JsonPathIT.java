package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jsonpath through psql 15 against a running server: the type's input and output, the @? and
 * @@ operators, the jsonb_path_* functions in FROM and in the select list with named
 * arguments, and their errors. Every expected text is what PostgreSQL 15 prints.
 */
class JsonPathIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start("postgres", null, "trust", new String[0]);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Runs {@code command}; psql's output (errors included, surrounding blanks trimmed) must be {@code expected}. */
    static void check(String command, String... expected) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TuskServer.PSQL, "-X", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", "postgres", "-d", "postgres", "-c", command));
        assertEquals(String.join("\n", expected), ProcessResult.run(cmd, null, 60).output(), command);
    }

    @Test
    void queryFunctionsTakeVarsAndSilentByName() throws Exception {
        check("select * from jsonb_path_query('{\"a\": [1, 2, 3]}', '$.a[*] ? (@ > $min)', vars => '{\"min\": 1}')",
                "jsonb_path_query ",
                "------------------",
                " 2",
                " 3",
                "(2 rows)");
        check("select jsonb_path_query_array('[1, \"a\", 3]', 'strict $[*] + 1', silent => true), "
                        + "jsonb_path_query_first('[{\"a\": 1}]', '$[0].a'), jsonb '[1,2]' @@ '$[*] > 1', jsonb '[1,2]' @? '$[*] ? (@ > 2)'",
                "jsonb_path_query_array | jsonb_path_query_first | ?column? | ?column? ",
                "------------------------+------------------------+----------+----------",
                " []                     | 1                      | t        | f",
                "(1 row)");
    }

    @Test
    void typeAndErrors() throws Exception {
        check("select 'strict $.a ? (@ == 1)'::jsonpath, '$--+1'::jsonpath::text",
                "jsonpath        |   text   ",
                "-----------------------+----------",
                " strict $.\"a\"?(@ == 1) | ($ - -1)",
                "(1 row)");
        check("select jsonb_path_query('{}', 'strict $.a')",
                "ERROR:  JSON object does not contain key \"a\"");
        check("select '$ ? (@ like_regex \"pattern\" flag \"a\")'::jsonpath",
                "ERROR:  invalid input syntax for type jsonpath",
                "LINE 1: select '$ ? (@ like_regex \"pattern\" flag \"a\")'::jsonpath",
                "               ^",
                "DETAIL:  Unrecognized flag character \"a\" in LIKE_REGEX predicate.");
    }
}
