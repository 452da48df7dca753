package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ALTER FUNCTION / ALTER SCHEMA ... OWNER TO (alter.c AlterObjectOwner_internal, schemacmds.c
 * AlterSchemaOwner_internal): the ACL is rewritten as aclnewowner does, so the old owner's grants
 * become the new owner's; a member of the owning role may give the object to a role it is a
 * member of, if the new owner may create in the schema (or, for a schema, the database).
 * Expected values are PostgreSQL 15's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OwnerChangeIT extends OneServerPerClass {
    @Test
    void ownerChangeRewritesAclsAndChecksMembership() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create role own_r1; create role own_r2; create role own_r3; create role own_m login");
            s.execute("grant own_r2 to own_m");
            s.execute("create function own_f() returns int language sql as 'select 1'");
            s.execute("alter function own_f() owner to own_r1");
            s.execute("grant execute on function own_f() to own_r3");
            assertEquals("{=X/own_r1,own_r1=X/own_r1,own_r3=X/own_r1}", one(s, "select proacl from pg_proc where proname = 'own_f'"));
            s.execute("alter function own_f() owner to own_r2");
            assertEquals("{=X/own_r2,own_r2=X/own_r2,own_r3=X/own_r2}", one(s, "select proacl from pg_proc where proname = 'own_f'"));

            s.execute("create schema own_s authorization own_r1");
            s.execute("grant usage on schema own_s to own_r3");
            assertEquals("{own_r1=UC/own_r1,own_r3=U/own_r1}", one(s, "select nspacl from pg_namespace where nspname = 'own_s'"));
            s.execute("alter schema own_s owner to own_r2");
            assertEquals("{own_r2=UC/own_r2,own_r3=U/own_r2}", one(s, "select nspacl from pg_namespace where nspname = 'own_s'"));

            // own_m is a member of the owner own_r2, not of own_r1, and may not create in public yet
            s.execute("set role own_m");
            assertEquals("ERROR: permission denied for schema public",
                    Jdbc.failsFirstLine(c, "alter function own_f() owner to own_m", "42501"));
            assertEquals("ERROR: must be member of role \"own_r1\"",
                    Jdbc.failsFirstLine(c, "alter function own_f() owner to own_r1", "42501"));
            assertEquals("ERROR: must be member of role \"own_r1\"",
                    Jdbc.failsFirstLine(c, "alter schema own_s owner to own_r1", "42501"));
            s.execute("reset role");
            s.execute("grant create on schema public to own_m");
            s.execute("grant create on database postgres to own_m");
            s.execute("set role own_m");
            s.execute("alter function own_f() owner to own_m");
            s.execute("alter schema own_s owner to own_m");
            s.execute("reset role");
            assertEquals("{=X/own_m,own_m=X/own_m,own_r3=X/own_m} own_m",
                    one(s, "select proacl::text || ' ' || proowner::regrole from pg_proc where proname = 'own_f'"));
            assertEquals("{own_m=UC/own_m,own_r3=U/own_m} own_m",
                    one(s, "select nspacl::text || ' ' || nspowner::regrole from pg_namespace where nspname = 'own_s'"));

            s.execute("drop function own_f(); drop schema own_s");
            s.execute("revoke create on schema public from own_m; revoke create on database postgres from own_m");
            s.execute("drop role own_r1, own_r2, own_r3, own_m");
        }
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
