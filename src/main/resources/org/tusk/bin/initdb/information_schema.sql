-- information_schema (ISO/IEC 9075-11), created by initdb in template1 as PostgreSQL 15's
-- src/backend/catalog/information_schema.sql does, with these adaptations for what Tusk cannot
-- run yet (each marked where it matters):
--  * the five domains are created (so queries can name them, e.g.
--    64::information_schema.cardinal_number), but the views' columns still have the domains'
--    base types (sql_identifier -> name, cardinal_number -> integer, character_data ->
--    character varying, yes_or_no -> character varying(3), time_stamp -> timestamp(2) with
--    time zone);
--  * no composite-type function arguments, OUT parameters or field selection: _pg_truetypid and
--    _pg_truetypmod are written out as CASE expressions, _pg_expandarray as
--    unnest(...) WITH ORDINALITY in a LATERAL item, (aclexplode(...)).* as LATERAL aclexplode(...);
--  * no row comparison: (a, b) <> (x, y) is NOT (a = x AND b = y);
--  * pg_authid is readable by superusers only and views run as the caller, so the views read
--    pg_roles (oid, rolname) instead;
--  * a view's query is analysed again at each use under the caller's search_path, so the
--    views call the _pg_* functions schema-qualified;
--  * no GRANT ON SCHEMA: USAGE on information_schema is not granted to PUBLIC;
--  * only the views listed below (the ones psql and JDBC drivers read) and the _pg_* functions
--    they call; the sql_* tables and the remaining views are not created.

CREATE SCHEMA information_schema;

SET search_path TO information_schema;

/*
 * 5.2 - 5.6: the domains, as information_schema.sql defines them
 */
CREATE DOMAIN cardinal_number AS integer
    CONSTRAINT cardinal_number_domain_check CHECK (value >= 0);

CREATE DOMAIN character_data AS character varying COLLATE "C";

CREATE DOMAIN sql_identifier AS name;

CREATE DOMAIN time_stamp AS timestamp(2) with time zone
    DEFAULT current_timestamp(2);

CREATE DOMAIN yes_or_no AS character varying(3) COLLATE "C"
    CONSTRAINT yes_or_no_check CHECK (value IN ('YES', 'NO'));

CREATE FUNCTION information_schema._pg_index_position(oid, smallint) RETURNS int
    LANGUAGE sql STRICT STABLE
    AS $$
SELECT CAST(u.n AS integer) FROM pg_catalog.pg_index i, pg_catalog.unnest(CAST(i.indkey AS smallint[])) WITH ORDINALITY AS u(x, n)
  WHERE i.indexrelid = $1 AND u.x = $2;
$$;

CREATE FUNCTION information_schema._pg_char_max_length(typid oid, typmod int4) RETURNS integer
    LANGUAGE sql
    IMMUTABLE
    RETURNS NULL ON NULL INPUT
AS $$SELECT
  CASE WHEN $2 = -1 /* default typmod */
       THEN null
       WHEN $1 IN (1042, 1043) /* char, varchar */
       THEN $2 - 4
       WHEN $1 IN (1560, 1562) /* bit, varbit */
       THEN $2
       ELSE null
  END$$;

CREATE FUNCTION information_schema._pg_char_octet_length(typid oid, typmod int4) RETURNS integer
    LANGUAGE sql
    IMMUTABLE
    RETURNS NULL ON NULL INPUT
AS $$SELECT
  CASE WHEN $1 IN (25, 1042, 1043) /* text, char, varchar */
       THEN CASE WHEN $2 = -1 /* default typmod */
                 THEN CAST(2^30 AS integer)
                 ELSE information_schema._pg_char_max_length($1, $2) *
                      pg_catalog.pg_encoding_max_length((SELECT encoding FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()))
            END
       ELSE null
  END$$;

CREATE FUNCTION information_schema._pg_numeric_precision(typid oid, typmod int4) RETURNS integer
    LANGUAGE sql
    IMMUTABLE
    RETURNS NULL ON NULL INPUT
AS $$SELECT
  CASE $1
         WHEN 21 /*int2*/ THEN 16
         WHEN 23 /*int4*/ THEN 32
         WHEN 20 /*int8*/ THEN 64
         WHEN 1700 /*numeric*/ THEN
              CASE WHEN $2 = -1
                   THEN null
                   ELSE (($2 - 4) >> 16) & 65535
                   END
         WHEN 700 /*float4*/ THEN 24 /*FLT_MANT_DIG*/
         WHEN 701 /*float8*/ THEN 53 /*DBL_MANT_DIG*/
         ELSE null
  END$$;

CREATE FUNCTION information_schema._pg_numeric_precision_radix(typid oid, typmod int4) RETURNS integer
    LANGUAGE sql
    IMMUTABLE
    RETURNS NULL ON NULL INPUT
AS $$SELECT
  CASE WHEN $1 IN (21, 23, 20, 700, 701) THEN 2
       WHEN $1 IN (1700) THEN 10
       ELSE null
  END$$;

CREATE FUNCTION information_schema._pg_numeric_scale(typid oid, typmod int4) RETURNS integer
    LANGUAGE sql
    IMMUTABLE
    RETURNS NULL ON NULL INPUT
AS $$SELECT
  CASE WHEN $1 IN (21, 23, 20) THEN 0
       WHEN $1 IN (1700) THEN
            CASE WHEN $2 = -1
                 THEN null
                 ELSE ($2 - 4) & 65535
                 END
       ELSE null
  END$$;

CREATE FUNCTION information_schema._pg_datetime_precision(typid oid, typmod int4) RETURNS integer
    LANGUAGE sql
    IMMUTABLE
    RETURNS NULL ON NULL INPUT
AS $$SELECT
  CASE WHEN $1 IN (1082) /* date */
           THEN 0
       WHEN $1 IN (1083, 1114, 1184, 1266) /* time, timestamp, same + tz */
           THEN CASE WHEN $2 < 0 THEN 6 ELSE $2 END
       WHEN $1 IN (1186) /* interval */
           THEN CASE WHEN $2 < 0 OR $2 & 65535 = 65535 THEN 6 ELSE $2 & 65535 END
       ELSE null
  END$$;

CREATE FUNCTION information_schema._pg_interval_type(typid oid, mod int4) RETURNS text
    LANGUAGE sql
    IMMUTABLE
    RETURNS NULL ON NULL INPUT
AS $$SELECT
  CASE WHEN $1 IN (1186) /* interval */
           THEN pg_catalog.upper(substring(pg_catalog.format_type($1, $2) similar 'interval[()0-9]* #"%#"' escape '#'))
       ELSE null
  END$$;

CREATE VIEW information_schema_catalog_name AS
    SELECT CAST(current_database() AS name) AS catalog_name;


GRANT SELECT ON information_schema_catalog_name TO PUBLIC;

CREATE VIEW applicable_roles AS
    SELECT CAST(a.rolname AS name) AS grantee,
           CAST(b.rolname AS name) AS role_name,
           CAST(CASE WHEN m.admin_option THEN 'YES' ELSE 'NO' END AS character varying(3)) AS is_grantable
    FROM (SELECT member, roleid, admin_option FROM pg_auth_members
          -- This UNION could be UNION ALL, but UNION works even if we start
          -- to allow explicit pg_database_owner membership.
          UNION
          SELECT datdba, pg_roles.oid, false
          FROM pg_database, pg_roles
          WHERE datname = current_database() AND rolname = 'pg_database_owner'
         )  m
         JOIN pg_roles a ON (m.member = a.oid)
         JOIN pg_roles b ON (m.roleid = b.oid)
    WHERE pg_has_role(a.oid, 'USAGE');


GRANT SELECT ON applicable_roles TO PUBLIC;

CREATE VIEW enabled_roles AS
    SELECT CAST(a.rolname AS name) AS role_name
    FROM pg_roles a
    WHERE pg_has_role(a.oid, 'USAGE');


GRANT SELECT ON enabled_roles TO PUBLIC;

CREATE VIEW character_sets AS
    SELECT CAST(null AS name) AS character_set_catalog,
           CAST(null AS name) AS character_set_schema,
           CAST(getdatabaseencoding() AS name) AS character_set_name,
           CAST(CASE WHEN getdatabaseencoding() = 'UTF8' THEN 'UCS' ELSE getdatabaseencoding() END AS name) AS character_repertoire,
           CAST(getdatabaseencoding() AS name) AS form_of_use,
           CAST(current_database() AS name) AS default_collate_catalog,
           CAST(nc.nspname AS name) AS default_collate_schema,
           CAST(c.collname AS name) AS default_collate_name
    FROM pg_database d
         LEFT JOIN (pg_collation c JOIN pg_namespace nc ON (c.collnamespace = nc.oid))
             ON (datcollate = collcollate AND datctype = collctype)
    WHERE d.datname = current_database()
    ORDER BY char_length(c.collname) DESC, c.collname ASC -- prefer full/canonical name
    LIMIT 1;


GRANT SELECT ON character_sets TO PUBLIC;

CREATE VIEW check_constraints AS
    SELECT CAST(current_database() AS name) AS constraint_catalog,
           CAST(rs.nspname AS name) AS constraint_schema,
           CAST(con.conname AS name) AS constraint_name,
           CAST(substring(pg_get_constraintdef(con.oid) from 7) AS character varying)
             AS check_clause
    FROM pg_constraint con
           LEFT OUTER JOIN pg_namespace rs ON (rs.oid = con.connamespace)
           LEFT OUTER JOIN pg_class c ON (c.oid = con.conrelid)
           LEFT OUTER JOIN pg_type t ON (t.oid = con.contypid)
    WHERE pg_has_role(coalesce(c.relowner, t.typowner), 'USAGE')
      AND con.contype = 'c'

    UNION
    -- not-null constraints

    SELECT CAST(current_database() AS name) AS constraint_catalog,
           CAST(n.nspname AS name) AS constraint_schema,
           CAST(CAST(n.oid AS text) || '_' || CAST(r.oid AS text) || '_' || CAST(a.attnum AS text) || '_not_null' AS name) AS constraint_name, -- XXX
           CAST(a.attname || ' IS NOT NULL' AS character varying)
             AS check_clause
    FROM pg_namespace n, pg_class r, pg_attribute a
    WHERE n.oid = r.relnamespace
      AND r.oid = a.attrelid
      AND a.attnum > 0
      AND NOT a.attisdropped
      AND a.attnotnull
      AND r.relkind IN ('r', 'p')
      AND pg_has_role(r.relowner, 'USAGE');


GRANT SELECT ON check_constraints TO PUBLIC;

-- COLUMN_COLUMN_USAGE (5.17): a generated column and each column its expression reads, from
-- the column-on-column pg_depend rows StoreAttrDefault records
CREATE VIEW column_column_usage AS
    SELECT CAST(current_database() AS sql_identifier) AS table_catalog,
           CAST(n.nspname AS sql_identifier) AS table_schema,
           CAST(c.relname AS sql_identifier) AS table_name,
           CAST(ac.attname AS sql_identifier) AS column_name,
           CAST(ad.attname AS sql_identifier) AS dependent_column
    FROM pg_namespace n, pg_class c, pg_depend d,
         pg_attribute ac, pg_attribute ad
    WHERE n.oid = c.relnamespace
          AND c.oid = ac.attrelid
          AND c.oid = ad.attrelid
          AND d.classid = 'pg_catalog.pg_class'::regclass
          AND d.refclassid = 'pg_catalog.pg_class'::regclass
          AND d.objid = d.refobjid
          AND c.oid = d.objid
          AND d.objsubid = ad.attnum
          AND d.refobjsubid = ac.attnum
          AND ad.attgenerated <> ''
          AND pg_has_role(c.relowner, 'USAGE');

GRANT SELECT ON column_column_usage TO PUBLIC;

CREATE VIEW column_privileges AS
    SELECT CAST(u_grantor.rolname AS name) AS grantor,
           CAST(grantee.rolname AS name) AS grantee,
           CAST(current_database() AS name) AS table_catalog,
           CAST(nc.nspname AS name) AS table_schema,
           CAST(x.relname AS name) AS table_name,
           CAST(x.attname AS name) AS column_name,
           CAST(x.prtype AS character varying) AS privilege_type,
           CAST(
             CASE WHEN
                  -- object owner always has grant options
                  pg_has_role(x.grantee, x.relowner, 'USAGE')
                  OR x.grantable
                  THEN 'YES' ELSE 'NO' END AS character varying(3)) AS is_grantable

    FROM (
           SELECT pr_c.grantor,
                  pr_c.grantee,
                  attname,
                  relname,
                  relnamespace,
                  pr_c.prtype,
                  pr_c.grantable,
                  pr_c.relowner
           FROM (SELECT pg_class.oid, relname, relnamespace, relowner, x.grantor, x.grantee, x.privilege_type, x.is_grantable
                 FROM pg_class, LATERAL aclexplode(coalesce(relacl, acldefault('r', relowner))) AS x
                 WHERE relkind IN ('r', 'v', 'f', 'p')
                ) pr_c (oid, relname, relnamespace, relowner, grantor, grantee, prtype, grantable),
                pg_attribute a
           WHERE a.attrelid = pr_c.oid
                 AND a.attnum > 0
                 AND NOT a.attisdropped
           UNION
           SELECT pr_a.grantor,
                  pr_a.grantee,
                  attname,
                  relname,
                  relnamespace,
                  pr_a.prtype,
                  pr_a.grantable,
                  c.relowner
           FROM (SELECT attrelid, attname, x.grantor, x.grantee, x.privilege_type, x.is_grantable
                 FROM pg_attribute a JOIN pg_class cc ON (a.attrelid = cc.oid), LATERAL aclexplode(coalesce(attacl, acldefault('c', relowner))) AS x
                 WHERE attnum > 0
                       AND NOT attisdropped
                ) pr_a (attrelid, attname, grantor, grantee, prtype, grantable),
                pg_class c
           WHERE pr_a.attrelid = c.oid
                 AND relkind IN ('r', 'v', 'f', 'p')
         ) x,
         pg_namespace nc,
         pg_roles u_grantor,
         (
           SELECT oid, rolname FROM pg_roles
           UNION ALL
           SELECT 0::oid, 'PUBLIC'
         ) AS grantee (oid, rolname)

    WHERE x.relnamespace = nc.oid
          AND x.grantee = grantee.oid
          AND x.grantor = u_grantor.oid
          AND x.prtype IN ('INSERT', 'SELECT', 'UPDATE', 'REFERENCES')
          AND (pg_has_role(u_grantor.oid, 'USAGE')
               OR pg_has_role(grantee.oid, 'USAGE')
               OR grantee.rolname = 'PUBLIC');


GRANT SELECT ON column_privileges TO PUBLIC;

CREATE VIEW columns AS
    SELECT CAST(current_database() AS name) AS table_catalog,
           CAST(nc.nspname AS name) AS table_schema,
           CAST(c.relname AS name) AS table_name,
           CAST(a.attname AS name) AS column_name,
           CAST(a.attnum AS integer) AS ordinal_position,
           CAST(CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS character varying) AS column_default,
           CAST(CASE WHEN a.attnotnull OR (t.typtype = 'd' AND t.typnotnull) THEN 'NO' ELSE 'YES' END
             AS character varying(3))
             AS is_nullable,

           CAST(
             CASE WHEN t.typtype = 'd' THEN
               CASE WHEN bt.typelem <> 0 AND bt.typlen = -1 THEN 'ARRAY'
                    WHEN nbt.nspname = 'pg_catalog' THEN format_type(t.typbasetype, null)
                    ELSE 'USER-DEFINED' END
             ELSE
               CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'
                    WHEN nt.nspname = 'pg_catalog' THEN format_type(a.atttypid, null)
                    ELSE 'USER-DEFINED' END
             END
             AS character varying)
             AS data_type,

           CAST(
             information_schema._pg_char_max_length(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)
             AS integer)
             AS character_maximum_length,

           CAST(
             information_schema._pg_char_octet_length(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)
             AS integer)
             AS character_octet_length,

           CAST(
             information_schema._pg_numeric_precision(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)
             AS integer)
             AS numeric_precision,

           CAST(
             information_schema._pg_numeric_precision_radix(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)
             AS integer)
             AS numeric_precision_radix,

           CAST(
             information_schema._pg_numeric_scale(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)
             AS integer)
             AS numeric_scale,

           CAST(
             information_schema._pg_datetime_precision(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)
             AS integer)
             AS datetime_precision,

           CAST(
             information_schema._pg_interval_type(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)
             AS character varying)
             AS interval_type,
           CAST(null AS integer) AS interval_precision,

           CAST(null AS name) AS character_set_catalog,
           CAST(null AS name) AS character_set_schema,
           CAST(null AS name) AS character_set_name,

           CAST(CASE WHEN nco.nspname IS NOT NULL THEN current_database() END AS name) AS collation_catalog,
           CAST(nco.nspname AS name) AS collation_schema,
           CAST(co.collname AS name) AS collation_name,

           CAST(CASE WHEN t.typtype = 'd' THEN current_database() ELSE null END
             AS name) AS domain_catalog,
           CAST(CASE WHEN t.typtype = 'd' THEN nt.nspname ELSE null END
             AS name) AS domain_schema,
           CAST(CASE WHEN t.typtype = 'd' THEN t.typname ELSE null END
             AS name) AS domain_name,

           CAST(current_database() AS name) AS udt_catalog,
           CAST(coalesce(nbt.nspname, nt.nspname) AS name) AS udt_schema,
           CAST(coalesce(bt.typname, t.typname) AS name) AS udt_name,

           CAST(null AS name) AS scope_catalog,
           CAST(null AS name) AS scope_schema,
           CAST(null AS name) AS scope_name,

           CAST(null AS integer) AS maximum_cardinality,
           CAST(a.attnum AS name) AS dtd_identifier,
           CAST('NO' AS character varying(3)) AS is_self_referencing,

           CAST(CASE WHEN a.attidentity IN ('a', 'd') THEN 'YES' ELSE 'NO' END AS character varying(3)) AS is_identity,
           CAST(CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' END AS character varying) AS identity_generation,
           CAST(seq.seqstart AS character varying) AS identity_start,
           CAST(seq.seqincrement AS character varying) AS identity_increment,
           CAST(seq.seqmax AS character varying) AS identity_maximum,
           CAST(seq.seqmin AS character varying) AS identity_minimum,
           CAST(CASE WHEN seq.seqcycle THEN 'YES' ELSE 'NO' END AS character varying(3)) AS identity_cycle,

           CAST(CASE WHEN a.attgenerated <> '' THEN 'ALWAYS' ELSE 'NEVER' END AS character varying) AS is_generated,
           CAST(CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS character varying) AS generation_expression,

           CAST(CASE WHEN c.relkind IN ('r', 'p') OR
                          (c.relkind IN ('v', 'f') AND
                           pg_column_is_updatable(c.oid, a.attnum, false))
                THEN 'YES' ELSE 'NO' END AS character varying(3)) AS is_updatable

    FROM (pg_attribute a LEFT JOIN pg_attrdef ad ON attrelid = adrelid AND attnum = adnum)
         JOIN (pg_class c JOIN pg_namespace nc ON (c.relnamespace = nc.oid)) ON a.attrelid = c.oid
         JOIN (pg_type t JOIN pg_namespace nt ON (t.typnamespace = nt.oid)) ON a.atttypid = t.oid
         LEFT JOIN (pg_type bt JOIN pg_namespace nbt ON (bt.typnamespace = nbt.oid))
           ON (t.typtype = 'd' AND t.typbasetype = bt.oid)
         LEFT JOIN (pg_collation co JOIN pg_namespace nco ON (co.collnamespace = nco.oid))
           ON a.attcollation = co.oid AND NOT (nco.nspname = 'pg_catalog' AND co.collname = 'default')
         LEFT JOIN (pg_depend dep JOIN pg_sequence seq ON (dep.classid = 'pg_class'::regclass AND dep.objid = seq.seqrelid AND dep.deptype = 'i'))
           ON (dep.refclassid = 'pg_class'::regclass AND dep.refobjid = c.oid AND dep.refobjsubid = a.attnum)

    WHERE (NOT pg_is_other_temp_schema(nc.oid))

          AND a.attnum > 0 AND NOT a.attisdropped
          AND c.relkind IN ('r', 'v', 'f', 'p')

          AND (pg_has_role(c.relowner, 'USAGE')
               OR has_column_privilege(c.oid, a.attnum,
                                       'SELECT, INSERT, UPDATE, REFERENCES'));


GRANT SELECT ON columns TO PUBLIC;

CREATE VIEW constraint_column_usage AS
    SELECT CAST(current_database() AS name) AS table_catalog,
           CAST(tblschema AS name) AS table_schema,
           CAST(tblname AS name) AS table_name,
           CAST(colname AS name) AS column_name,
           CAST(current_database() AS name) AS constraint_catalog,
           CAST(cstrschema AS name) AS constraint_schema,
           CAST(cstrname AS name) AS constraint_name

    FROM (
        /* check constraints */
        SELECT DISTINCT nr.nspname, r.relname, r.relowner, a.attname, nc.nspname, c.conname
          FROM pg_namespace nr, pg_class r, pg_attribute a, pg_depend d, pg_namespace nc, pg_constraint c
          WHERE nr.oid = r.relnamespace
            AND r.oid = a.attrelid
            AND d.refclassid = 'pg_catalog.pg_class'::regclass
            AND d.refobjid = r.oid
            AND d.refobjsubid = a.attnum
            AND d.classid = 'pg_catalog.pg_constraint'::regclass
            AND d.objid = c.oid
            AND c.connamespace = nc.oid
            AND c.contype = 'c'
            AND r.relkind IN ('r', 'p')
            AND NOT a.attisdropped

        UNION ALL

        /* unique/primary key/foreign key constraints */
        SELECT nr.nspname, r.relname, r.relowner, a.attname, nc.nspname, c.conname
          FROM pg_namespace nr, pg_class r, pg_attribute a, pg_namespace nc,
               pg_constraint c
          WHERE nr.oid = r.relnamespace
            AND r.oid = a.attrelid
            AND nc.oid = c.connamespace
            AND r.oid = CASE c.contype WHEN 'f' THEN c.confrelid ELSE c.conrelid END
            AND a.attnum = ANY (CASE c.contype WHEN 'f' THEN c.confkey ELSE c.conkey END)
            AND NOT a.attisdropped
            AND c.contype IN ('p', 'u', 'f')
            AND r.relkind IN ('r', 'p')

      ) AS x (tblschema, tblname, tblowner, colname, cstrschema, cstrname)

    WHERE pg_has_role(x.tblowner, 'USAGE');


GRANT SELECT ON constraint_column_usage TO PUBLIC;

CREATE VIEW key_column_usage AS
    SELECT CAST(current_database() AS name) AS constraint_catalog,
           CAST(nc_nspname AS name) AS constraint_schema,
           CAST(conname AS name) AS constraint_name,
           CAST(current_database() AS name) AS table_catalog,
           CAST(nr_nspname AS name) AS table_schema,
           CAST(relname AS name) AS table_name,
           CAST(a.attname AS name) AS column_name,
           CAST(ss.x_n AS integer) AS ordinal_position,
           CAST(CASE WHEN contype = 'f' THEN
                       information_schema._pg_index_position(ss.conindid, ss.confkey[ss.x_n])
                     ELSE NULL
                END AS integer)
             AS position_in_unique_constraint
    FROM pg_attribute a,
         (SELECT r.oid AS roid, r.relname, r.relowner,
                 nc.nspname AS nc_nspname, nr.nspname AS nr_nspname,
                 c.oid AS coid, c.conname, c.contype, c.conindid,
                 c.confkey, c.confrelid,
                 x.x AS x_x, CAST(x.n AS integer) AS x_n
          FROM pg_namespace nr, pg_class r, pg_namespace nc,
               pg_constraint c, LATERAL unnest(c.conkey) WITH ORDINALITY AS x(x, n)
          WHERE nr.oid = r.relnamespace
                AND r.oid = c.conrelid
                AND nc.oid = c.connamespace
                AND c.contype IN ('p', 'u', 'f')
                AND r.relkind IN ('r', 'p')
                AND (NOT pg_is_other_temp_schema(nr.oid)) ) AS ss
    WHERE ss.roid = a.attrelid
          AND a.attnum = ss.x_x
          AND NOT a.attisdropped
          AND (pg_has_role(relowner, 'USAGE')
               OR has_column_privilege(roid, a.attnum,
                                       'SELECT, INSERT, UPDATE, REFERENCES'));


GRANT SELECT ON key_column_usage TO PUBLIC;

CREATE VIEW parameters AS
    SELECT CAST(current_database() AS name) AS specific_catalog,
           CAST(n_nspname AS name) AS specific_schema,
           CAST(nameconcatoid(proname, p_oid) AS name) AS specific_name,
           CAST(ss.x_n AS integer) AS ordinal_position,
           CAST(
             CASE WHEN proargmodes IS NULL THEN 'IN'
                WHEN proargmodes[ss.x_n] = 'i' THEN 'IN'
                WHEN proargmodes[ss.x_n] = 'o' THEN 'OUT'
                WHEN proargmodes[ss.x_n] = 'b' THEN 'INOUT'
                WHEN proargmodes[ss.x_n] = 'v' THEN 'IN'
                WHEN proargmodes[ss.x_n] = 't' THEN 'OUT'
             END AS character varying) AS parameter_mode,
           CAST('NO' AS character varying(3)) AS is_result,
           CAST('NO' AS character varying(3)) AS as_locator,
           CAST(NULLIF(proargnames[ss.x_n], '') AS name) AS parameter_name,
           CAST(
             CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'
                  WHEN nt.nspname = 'pg_catalog' THEN format_type(t.oid, null)
                  ELSE 'USER-DEFINED' END AS character varying)
             AS data_type,
           CAST(null AS integer) AS character_maximum_length,
           CAST(null AS integer) AS character_octet_length,
           CAST(null AS name) AS character_set_catalog,
           CAST(null AS name) AS character_set_schema,
           CAST(null AS name) AS character_set_name,
           CAST(null AS name) AS collation_catalog,
           CAST(null AS name) AS collation_schema,
           CAST(null AS name) AS collation_name,
           CAST(null AS integer) AS numeric_precision,
           CAST(null AS integer) AS numeric_precision_radix,
           CAST(null AS integer) AS numeric_scale,
           CAST(null AS integer) AS datetime_precision,
           CAST(null AS character varying) AS interval_type,
           CAST(null AS integer) AS interval_precision,
           CAST(current_database() AS name) AS udt_catalog,
           CAST(nt.nspname AS name) AS udt_schema,
           CAST(t.typname AS name) AS udt_name,
           CAST(null AS name) AS scope_catalog,
           CAST(null AS name) AS scope_schema,
           CAST(null AS name) AS scope_name,
           CAST(null AS integer) AS maximum_cardinality,
           CAST(ss.x_n AS name) AS dtd_identifier,
           CAST(pg_get_function_arg_default(p_oid, ss.x_n) AS character varying)
             AS parameter_default

    FROM pg_type t, pg_namespace nt,
         (SELECT n.nspname AS n_nspname, p.proname, p.oid AS p_oid, p.proowner,
                 p.proargnames, p.proargmodes,
                 x.x AS x_x, CAST(x.n AS integer) AS x_n
          FROM pg_namespace n, pg_proc p, LATERAL unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY AS x(x, n)
          WHERE n.oid = p.pronamespace
                AND (pg_has_role(p.proowner, 'USAGE') OR
                     has_function_privilege(p.oid, 'EXECUTE'))) AS ss
    WHERE t.oid = ss.x_x AND t.typnamespace = nt.oid;


GRANT SELECT ON parameters TO PUBLIC;

CREATE VIEW referential_constraints AS
    SELECT CAST(current_database() AS name) AS constraint_catalog,
           CAST(ncon.nspname AS name) AS constraint_schema,
           CAST(con.conname AS name) AS constraint_name,
           CAST(
             CASE WHEN npkc.nspname IS NULL THEN NULL
                  ELSE current_database() END
             AS name) AS unique_constraint_catalog,
           CAST(npkc.nspname AS name) AS unique_constraint_schema,
           CAST(pkc.conname AS name) AS unique_constraint_name,

           CAST(
             CASE con.confmatchtype WHEN 'f' THEN 'FULL'
                                    WHEN 'p' THEN 'PARTIAL'
                                    WHEN 's' THEN 'NONE' END
             AS character varying) AS match_option,

           CAST(
             CASE con.confupdtype WHEN 'c' THEN 'CASCADE'
                                  WHEN 'n' THEN 'SET NULL'
                                  WHEN 'd' THEN 'SET DEFAULT'
                                  WHEN 'r' THEN 'RESTRICT'
                                  WHEN 'a' THEN 'NO ACTION' END
             AS character varying) AS update_rule,

           CAST(
             CASE con.confdeltype WHEN 'c' THEN 'CASCADE'
                                  WHEN 'n' THEN 'SET NULL'
                                  WHEN 'd' THEN 'SET DEFAULT'
                                  WHEN 'r' THEN 'RESTRICT'
                                  WHEN 'a' THEN 'NO ACTION' END
             AS character varying) AS delete_rule

    FROM (pg_namespace ncon
          INNER JOIN pg_constraint con ON ncon.oid = con.connamespace
          INNER JOIN pg_class c ON con.conrelid = c.oid AND con.contype = 'f')
         LEFT JOIN pg_depend d1  -- find constraint's dependency on an index
          ON d1.objid = con.oid AND d1.classid = 'pg_constraint'::regclass
             AND d1.refclassid = 'pg_class'::regclass AND d1.refobjsubid = 0
         LEFT JOIN pg_depend d2  -- find pkey/unique constraint for that index
          ON d2.refclassid = 'pg_constraint'::regclass
             AND d2.classid = 'pg_class'::regclass
             AND d2.objid = d1.refobjid AND d2.objsubid = 0
             AND d2.deptype = 'i'
         LEFT JOIN pg_constraint pkc ON pkc.oid = d2.refobjid
            AND pkc.contype IN ('p', 'u')
            AND pkc.conrelid = con.confrelid
         LEFT JOIN pg_namespace npkc ON pkc.connamespace = npkc.oid

    WHERE pg_has_role(c.relowner, 'USAGE')
          -- SELECT privilege omitted, per SQL standard
          OR has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
          OR has_any_column_privilege(c.oid, 'INSERT, UPDATE, REFERENCES') ;


GRANT SELECT ON referential_constraints TO PUBLIC;

CREATE VIEW routines AS
    SELECT CAST(current_database() AS name) AS specific_catalog,
           CAST(n.nspname AS name) AS specific_schema,
           CAST(nameconcatoid(p.proname, p.oid) AS name) AS specific_name,
           CAST(current_database() AS name) AS routine_catalog,
           CAST(n.nspname AS name) AS routine_schema,
           CAST(p.proname AS name) AS routine_name,
           CAST(CASE p.prokind WHEN 'f' THEN 'FUNCTION' WHEN 'p' THEN 'PROCEDURE' END
             AS character varying) AS routine_type,
           CAST(null AS name) AS module_catalog,
           CAST(null AS name) AS module_schema,
           CAST(null AS name) AS module_name,
           CAST(null AS name) AS udt_catalog,
           CAST(null AS name) AS udt_schema,
           CAST(null AS name) AS udt_name,

           CAST(
             CASE WHEN p.prokind = 'p' THEN NULL
                  WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'
                  WHEN nt.nspname = 'pg_catalog' THEN format_type(t.oid, null)
                  ELSE 'USER-DEFINED' END AS character varying)
             AS data_type,
           CAST(null AS integer) AS character_maximum_length,
           CAST(null AS integer) AS character_octet_length,
           CAST(null AS name) AS character_set_catalog,
           CAST(null AS name) AS character_set_schema,
           CAST(null AS name) AS character_set_name,
           CAST(null AS name) AS collation_catalog,
           CAST(null AS name) AS collation_schema,
           CAST(null AS name) AS collation_name,
           CAST(null AS integer) AS numeric_precision,
           CAST(null AS integer) AS numeric_precision_radix,
           CAST(null AS integer) AS numeric_scale,
           CAST(null AS integer) AS datetime_precision,
           CAST(null AS character varying) AS interval_type,
           CAST(null AS integer) AS interval_precision,
           CAST(CASE WHEN nt.nspname IS NOT NULL THEN current_database() END AS name) AS type_udt_catalog,
           CAST(nt.nspname AS name) AS type_udt_schema,
           CAST(t.typname AS name) AS type_udt_name,
           CAST(null AS name) AS scope_catalog,
           CAST(null AS name) AS scope_schema,
           CAST(null AS name) AS scope_name,
           CAST(null AS integer) AS maximum_cardinality,
           CAST(CASE WHEN p.prokind <> 'p' THEN 0 END AS name) AS dtd_identifier,

           CAST(CASE WHEN l.lanname = 'sql' THEN 'SQL' ELSE 'EXTERNAL' END AS character varying)
             AS routine_body,
           CAST(
             CASE WHEN pg_has_role(p.proowner, 'USAGE') THEN p.prosrc ELSE null END
             AS character varying) AS routine_definition,
           CAST(
             CASE WHEN l.lanname = 'c' THEN p.prosrc ELSE null END
             AS character varying) AS external_name,
           CAST(upper(l.lanname) AS character varying) AS external_language,

           CAST('GENERAL' AS character varying) AS parameter_style,
           CAST(CASE WHEN p.provolatile = 'i' THEN 'YES' ELSE 'NO' END AS character varying(3)) AS is_deterministic,
           CAST('MODIFIES' AS character varying) AS sql_data_access,
           CAST(CASE WHEN p.prokind <> 'p' THEN
             CASE WHEN p.proisstrict THEN 'YES' ELSE 'NO' END END AS character varying(3)) AS is_null_call,
           CAST(null AS character varying) AS sql_path,
           CAST('YES' AS character varying(3)) AS schema_level_routine,
           CAST(0 AS integer) AS max_dynamic_result_sets,
           CAST(null AS character varying(3)) AS is_user_defined_cast,
           CAST(null AS character varying(3)) AS is_implicitly_invocable,
           CAST(CASE WHEN p.prosecdef THEN 'DEFINER' ELSE 'INVOKER' END AS character varying) AS security_type,
           CAST(null AS name) AS to_sql_specific_catalog,
           CAST(null AS name) AS to_sql_specific_schema,
           CAST(null AS name) AS to_sql_specific_name,
           CAST('NO' AS character varying(3)) AS as_locator,
           CAST(null AS timestamp(2) with time zone) AS created,
           CAST(null AS timestamp(2) with time zone) AS last_altered,
           CAST(null AS character varying(3)) AS new_savepoint_level,
           CAST('NO' AS character varying(3)) AS is_udt_dependent,

           CAST(null AS character varying) AS result_cast_from_data_type,
           CAST(null AS character varying(3)) AS result_cast_as_locator,
           CAST(null AS integer) AS result_cast_char_max_length,
           CAST(null AS integer) AS result_cast_char_octet_length,
           CAST(null AS name) AS result_cast_char_set_catalog,
           CAST(null AS name) AS result_cast_char_set_schema,
           CAST(null AS name) AS result_cast_char_set_name,
           CAST(null AS name) AS result_cast_collation_catalog,
           CAST(null AS name) AS result_cast_collation_schema,
           CAST(null AS name) AS result_cast_collation_name,
           CAST(null AS integer) AS result_cast_numeric_precision,
           CAST(null AS integer) AS result_cast_numeric_precision_radix,
           CAST(null AS integer) AS result_cast_numeric_scale,
           CAST(null AS integer) AS result_cast_datetime_precision,
           CAST(null AS character varying) AS result_cast_interval_type,
           CAST(null AS integer) AS result_cast_interval_precision,
           CAST(null AS name) AS result_cast_type_udt_catalog,
           CAST(null AS name) AS result_cast_type_udt_schema,
           CAST(null AS name) AS result_cast_type_udt_name,
           CAST(null AS name) AS result_cast_scope_catalog,
           CAST(null AS name) AS result_cast_scope_schema,
           CAST(null AS name) AS result_cast_scope_name,
           CAST(null AS integer) AS result_cast_maximum_cardinality,
           CAST(null AS name) AS result_cast_dtd_identifier

    FROM (pg_namespace n
          JOIN pg_proc p ON n.oid = p.pronamespace
          JOIN pg_language l ON p.prolang = l.oid)
         LEFT JOIN
         (pg_type t JOIN pg_namespace nt ON t.typnamespace = nt.oid)
         ON p.prorettype = t.oid AND p.prokind <> 'p'

    WHERE (pg_has_role(p.proowner, 'USAGE')
           OR has_function_privilege(p.oid, 'EXECUTE'));


GRANT SELECT ON routines TO PUBLIC;

/*
 * 5.46-5.49 ROUTINE_COLUMN_USAGE, ROUTINE_ROUTINE_USAGE, ROUTINE_SEQUENCE_USAGE,
 * ROUTINE_TABLE_USAGE: the objects the SQL-standard bodies (and argument defaults) of routines
 * use, read from their pg_depend rows
 */

CREATE VIEW routine_column_usage AS
    SELECT DISTINCT
           CAST(current_database() AS name) AS specific_catalog,
           CAST(np.nspname AS name) AS specific_schema,
           CAST(nameconcatoid(p.proname, p.oid) AS name) AS specific_name,
           CAST(current_database() AS name) AS routine_catalog,
           CAST(np.nspname AS name) AS routine_schema,
           CAST(p.proname AS name) AS routine_name,
           CAST(current_database() AS name) AS table_catalog,
           CAST(nt.nspname AS name) AS table_schema,
           CAST(t.relname AS name) AS table_name,
           CAST(a.attname AS name) AS column_name

    FROM pg_namespace np, pg_proc p, pg_depend d,
         pg_class t, pg_namespace nt, pg_attribute a

    WHERE np.oid = p.pronamespace
          AND p.oid = d.objid
          AND d.classid = 'pg_catalog.pg_proc'::regclass
          AND d.refobjid = t.oid
          AND d.refclassid = 'pg_catalog.pg_class'::regclass
          AND t.relnamespace = nt.oid
          AND t.relkind IN ('r', 'v', 'f', 'p')
          AND t.oid = a.attrelid
          AND d.refobjsubid = a.attnum
          AND pg_has_role(t.relowner, 'USAGE');

GRANT SELECT ON routine_column_usage TO PUBLIC;


CREATE VIEW routine_routine_usage AS
    SELECT DISTINCT
           CAST(current_database() AS name) AS specific_catalog,
           CAST(np.nspname AS name) AS specific_schema,
           CAST(nameconcatoid(p.proname, p.oid) AS name) AS specific_name,
           CAST(current_database() AS name) AS routine_catalog,
           CAST(np1.nspname AS name) AS routine_schema,
           CAST(nameconcatoid(p1.proname, p1.oid) AS name) AS routine_name

    FROM pg_namespace np, pg_proc p, pg_depend d,
         pg_proc p1, pg_namespace np1

    WHERE np.oid = p.pronamespace
          AND p.oid = d.objid
          AND d.classid = 'pg_catalog.pg_proc'::regclass
          AND d.refobjid = p1.oid
          AND d.refclassid = 'pg_catalog.pg_proc'::regclass
          AND p1.pronamespace = np1.oid
          AND p.prokind IN ('f', 'p') AND p1.prokind IN ('f', 'p')
          AND pg_has_role(p1.proowner, 'USAGE');

GRANT SELECT ON routine_routine_usage TO PUBLIC;


CREATE VIEW routine_sequence_usage AS
    SELECT DISTINCT
           CAST(current_database() AS name) AS specific_catalog,
           CAST(np.nspname AS name) AS specific_schema,
           CAST(nameconcatoid(p.proname, p.oid) AS name) AS specific_name,
           CAST(current_database() AS name) AS routine_catalog,
           CAST(np.nspname AS name) AS routine_schema,
           CAST(p.proname AS name) AS routine_name,
           CAST(current_database() AS name) AS sequence_catalog,
           CAST(ns.nspname AS name) AS sequence_schema,
           CAST(s.relname AS name) AS sequence_name

    FROM pg_namespace np, pg_proc p, pg_depend d,
         pg_class s, pg_namespace ns

    WHERE np.oid = p.pronamespace
          AND p.oid = d.objid
          AND d.classid = 'pg_catalog.pg_proc'::regclass
          AND d.refobjid = s.oid
          AND d.refclassid = 'pg_catalog.pg_class'::regclass
          AND s.relnamespace = ns.oid
          AND s.relkind = 'S'
          AND pg_has_role(s.relowner, 'USAGE');

GRANT SELECT ON routine_sequence_usage TO PUBLIC;


CREATE VIEW routine_table_usage AS
    SELECT DISTINCT
           CAST(current_database() AS name) AS specific_catalog,
           CAST(np.nspname AS name) AS specific_schema,
           CAST(nameconcatoid(p.proname, p.oid) AS name) AS specific_name,
           CAST(current_database() AS name) AS routine_catalog,
           CAST(np.nspname AS name) AS routine_schema,
           CAST(p.proname AS name) AS routine_name,
           CAST(current_database() AS name) AS table_catalog,
           CAST(nt.nspname AS name) AS table_schema,
           CAST(t.relname AS name) AS table_name

    FROM pg_namespace np, pg_proc p, pg_depend d,
         pg_class t, pg_namespace nt

    WHERE np.oid = p.pronamespace
          AND p.oid = d.objid
          AND d.classid = 'pg_catalog.pg_proc'::regclass
          AND d.refobjid = t.oid
          AND d.refclassid = 'pg_catalog.pg_class'::regclass
          AND t.relnamespace = nt.oid
          AND t.relkind IN ('r', 'v', 'f', 'p')
          AND pg_has_role(t.relowner, 'USAGE');

GRANT SELECT ON routine_table_usage TO PUBLIC;

CREATE VIEW schemata AS
    SELECT CAST(current_database() AS name) AS catalog_name,
           CAST(n.nspname AS name) AS schema_name,
           CAST(u.rolname AS name) AS schema_owner,
           CAST(null AS name) AS default_character_set_catalog,
           CAST(null AS name) AS default_character_set_schema,
           CAST(null AS name) AS default_character_set_name,
           CAST(null AS character varying) AS sql_path
    FROM pg_namespace n, pg_roles u
    WHERE n.nspowner = u.oid
          AND (pg_has_role(n.nspowner, 'USAGE')
               OR has_schema_privilege(n.oid, 'CREATE, USAGE'));


GRANT SELECT ON schemata TO PUBLIC;

CREATE VIEW sequences AS
    SELECT CAST(current_database() AS name) AS sequence_catalog,
           CAST(nc.nspname AS name) AS sequence_schema,
           CAST(c.relname AS name) AS sequence_name,
           CAST(format_type(s.seqtypid, null) AS character varying) AS data_type,
           CAST(information_schema._pg_numeric_precision(s.seqtypid, -1) AS integer) AS numeric_precision,
           CAST(2 AS integer) AS numeric_precision_radix,
           CAST(0 AS integer) AS numeric_scale,
           CAST(s.seqstart AS character varying) AS start_value,
           CAST(s.seqmin AS character varying) AS minimum_value,
           CAST(s.seqmax AS character varying) AS maximum_value,
           CAST(s.seqincrement AS character varying) AS increment,
           CAST(CASE WHEN s.seqcycle THEN 'YES' ELSE 'NO' END AS character varying(3)) AS cycle_option
    FROM pg_namespace nc, pg_class c, pg_sequence s
    WHERE c.relnamespace = nc.oid
          AND c.relkind = 'S'
          AND NOT EXISTS (SELECT 1 FROM pg_depend WHERE classid = 'pg_class'::regclass AND objid = c.oid AND deptype = 'i')
          AND (NOT pg_is_other_temp_schema(nc.oid))
          AND c.oid = s.seqrelid
          AND (pg_has_role(c.relowner, 'USAGE')
               OR has_sequence_privilege(c.oid, 'SELECT, UPDATE, USAGE') );


GRANT SELECT ON sequences TO PUBLIC;

CREATE VIEW table_constraints AS
    SELECT CAST(current_database() AS name) AS constraint_catalog,
           CAST(nc.nspname AS name) AS constraint_schema,
           CAST(c.conname AS name) AS constraint_name,
           CAST(current_database() AS name) AS table_catalog,
           CAST(nr.nspname AS name) AS table_schema,
           CAST(r.relname AS name) AS table_name,
           CAST(
             CASE c.contype WHEN 'c' THEN 'CHECK'
                            WHEN 'f' THEN 'FOREIGN KEY'
                            WHEN 'p' THEN 'PRIMARY KEY'
                            WHEN 'u' THEN 'UNIQUE' END
             AS character varying) AS constraint_type,
           CAST(CASE WHEN c.condeferrable THEN 'YES' ELSE 'NO' END AS character varying(3))
             AS is_deferrable,
           CAST(CASE WHEN c.condeferred THEN 'YES' ELSE 'NO' END AS character varying(3))
             AS initially_deferred,
           CAST('YES' AS character varying(3)) AS enforced,
           CAST(CASE WHEN c.contype = 'u'
                     THEN CASE WHEN (SELECT NOT indnullsnotdistinct FROM pg_index WHERE indexrelid = conindid) THEN 'YES' ELSE 'NO' END
                     END
                AS character varying(3)) AS nulls_distinct

    FROM pg_namespace nc,
         pg_namespace nr,
         pg_constraint c,
         pg_class r

    WHERE nc.oid = c.connamespace AND nr.oid = r.relnamespace
          AND c.conrelid = r.oid
          AND c.contype NOT IN ('t', 'x')  -- ignore nonstandard constraints
          AND r.relkind IN ('r', 'p')
          AND (NOT pg_is_other_temp_schema(nr.oid))
          AND (pg_has_role(r.relowner, 'USAGE')
               -- SELECT privilege omitted, per SQL standard
               OR has_table_privilege(r.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
               OR has_any_column_privilege(r.oid, 'INSERT, UPDATE, REFERENCES') )

    UNION ALL

    -- not-null constraints

    SELECT CAST(current_database() AS name) AS constraint_catalog,
           CAST(nr.nspname AS name) AS constraint_schema,
           CAST(CAST(nr.oid AS text) || '_' || CAST(r.oid AS text) || '_' || CAST(a.attnum AS text) || '_not_null' AS name) AS constraint_name, -- XXX
           CAST(current_database() AS name) AS table_catalog,
           CAST(nr.nspname AS name) AS table_schema,
           CAST(r.relname AS name) AS table_name,
           CAST('CHECK' AS character varying) AS constraint_type,
           CAST('NO' AS character varying(3)) AS is_deferrable,
           CAST('NO' AS character varying(3)) AS initially_deferred,
           CAST('YES' AS character varying(3)) AS enforced,
           CAST(NULL AS character varying(3)) AS nulls_distinct

    FROM pg_namespace nr,
         pg_class r,
         pg_attribute a

    WHERE nr.oid = r.relnamespace
          AND r.oid = a.attrelid
          AND a.attnotnull
          AND a.attnum > 0
          AND NOT a.attisdropped
          AND r.relkind IN ('r', 'p')
          AND (NOT pg_is_other_temp_schema(nr.oid))
          AND (pg_has_role(r.relowner, 'USAGE')
               -- SELECT privilege omitted, per SQL standard
               OR has_table_privilege(r.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
               OR has_any_column_privilege(r.oid, 'INSERT, UPDATE, REFERENCES') );


GRANT SELECT ON table_constraints TO PUBLIC;

CREATE VIEW table_privileges AS
    SELECT CAST(u_grantor.rolname AS name) AS grantor,
           CAST(grantee.rolname AS name) AS grantee,
           CAST(current_database() AS name) AS table_catalog,
           CAST(nc.nspname AS name) AS table_schema,
           CAST(c.relname AS name) AS table_name,
           CAST(c.prtype AS character varying) AS privilege_type,
           CAST(
             CASE WHEN
                  -- object owner always has grant options
                  pg_has_role(grantee.oid, c.relowner, 'USAGE')
                  OR c.grantable
                  THEN 'YES' ELSE 'NO' END AS character varying(3)) AS is_grantable,
           CAST(CASE WHEN c.prtype = 'SELECT' THEN 'YES' ELSE 'NO' END AS character varying(3)) AS with_hierarchy

    FROM (
            SELECT pg_class.oid, relname, relnamespace, relkind, relowner, x.grantor, x.grantee, x.privilege_type, x.is_grantable FROM pg_class, LATERAL aclexplode(coalesce(relacl, acldefault('r', relowner))) AS x
         ) AS c (oid, relname, relnamespace, relkind, relowner, grantor, grantee, prtype, grantable),
         pg_namespace nc,
         pg_roles u_grantor,
         (
           SELECT oid, rolname FROM pg_roles
           UNION ALL
           SELECT 0::oid, 'PUBLIC'
         ) AS grantee (oid, rolname)

    WHERE c.relnamespace = nc.oid
          AND c.relkind IN ('r', 'v', 'f', 'p')
          AND c.grantee = grantee.oid
          AND c.grantor = u_grantor.oid
          AND c.prtype IN ('INSERT', 'SELECT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER')
          AND (pg_has_role(u_grantor.oid, 'USAGE')
               OR pg_has_role(grantee.oid, 'USAGE')
               OR grantee.rolname = 'PUBLIC');


GRANT SELECT ON table_privileges TO PUBLIC;

CREATE VIEW role_table_grants AS
    SELECT grantor,
           grantee,
           table_catalog,
           table_schema,
           table_name,
           privilege_type,
           is_grantable,
           with_hierarchy
    FROM information_schema.table_privileges
    WHERE grantor IN (SELECT role_name FROM information_schema.enabled_roles)
          OR grantee IN (SELECT role_name FROM information_schema.enabled_roles);


GRANT SELECT ON role_table_grants TO PUBLIC;

CREATE VIEW tables AS
    SELECT CAST(current_database() AS name) AS table_catalog,
           CAST(nc.nspname AS name) AS table_schema,
           CAST(c.relname AS name) AS table_name,

           CAST(
             CASE WHEN nc.oid = pg_my_temp_schema() THEN 'LOCAL TEMPORARY'
                  WHEN c.relkind IN ('r', 'p') THEN 'BASE TABLE'
                  WHEN c.relkind = 'v' THEN 'VIEW'
                  WHEN c.relkind = 'f' THEN 'FOREIGN'
                  ELSE null END
             AS character varying) AS table_type,

           CAST(null AS name) AS self_referencing_column_name,
           CAST(null AS character varying) AS reference_generation,

           CAST(CASE WHEN t.typname IS NOT NULL THEN current_database() ELSE null END AS name) AS user_defined_type_catalog,
           CAST(nt.nspname AS name) AS user_defined_type_schema,
           CAST(t.typname AS name) AS user_defined_type_name,

           CAST(CASE WHEN c.relkind IN ('r', 'p') OR
                          (c.relkind IN ('v', 'f') AND
                           -- 1 << CMD_INSERT
                           pg_relation_is_updatable(c.oid, false) & 8 = 8)
                THEN 'YES' ELSE 'NO' END AS character varying(3)) AS is_insertable_into,

           CAST(CASE WHEN t.typname IS NOT NULL THEN 'YES' ELSE 'NO' END AS character varying(3)) AS is_typed,
           CAST(null AS character varying) AS commit_action

    FROM pg_namespace nc JOIN pg_class c ON (nc.oid = c.relnamespace)
           LEFT JOIN (pg_type t JOIN pg_namespace nt ON (t.typnamespace = nt.oid)) ON (c.reloftype = t.oid)

    WHERE c.relkind IN ('r', 'v', 'f', 'p')
          AND (NOT pg_is_other_temp_schema(nc.oid))
          AND (pg_has_role(c.relowner, 'USAGE')
               OR has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
               OR has_any_column_privilege(c.oid, 'SELECT, INSERT, UPDATE, REFERENCES') );


GRANT SELECT ON tables TO PUBLIC;

CREATE VIEW views AS
    SELECT CAST(current_database() AS name) AS table_catalog,
           CAST(nc.nspname AS name) AS table_schema,
           CAST(c.relname AS name) AS table_name,

           CAST(
             CASE WHEN pg_has_role(c.relowner, 'USAGE')
                  THEN pg_get_viewdef(c.oid)
                  ELSE null END
             AS character varying) AS view_definition,

           CAST(
             CASE WHEN 'check_option=cascaded' = ANY (c.reloptions)
                  THEN 'CASCADED'
                  WHEN 'check_option=local' = ANY (c.reloptions)
                  THEN 'LOCAL'
                  ELSE 'NONE' END
             AS character varying) AS check_option,

           CAST(
             -- (1 << CMD_UPDATE) + (1 << CMD_DELETE)
             CASE WHEN pg_relation_is_updatable(c.oid, false) & 20 = 20
                  THEN 'YES' ELSE 'NO' END
             AS character varying(3)) AS is_updatable,

           CAST(
             -- 1 << CMD_INSERT
             CASE WHEN pg_relation_is_updatable(c.oid, false) & 8 = 8
                  THEN 'YES' ELSE 'NO' END
             AS character varying(3)) AS is_insertable_into,

           CAST(
             -- TRIGGER_TYPE_ROW + TRIGGER_TYPE_INSTEAD + TRIGGER_TYPE_UPDATE
             CASE WHEN EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = c.oid AND tgtype & 81 = 81)
                  THEN 'YES' ELSE 'NO' END
           AS character varying(3)) AS is_trigger_updatable,

           CAST(
             -- TRIGGER_TYPE_ROW + TRIGGER_TYPE_INSTEAD + TRIGGER_TYPE_DELETE
             CASE WHEN EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = c.oid AND tgtype & 73 = 73)
                  THEN 'YES' ELSE 'NO' END
           AS character varying(3)) AS is_trigger_deletable,

           CAST(
             -- TRIGGER_TYPE_ROW + TRIGGER_TYPE_INSTEAD + TRIGGER_TYPE_INSERT
             CASE WHEN EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = c.oid AND tgtype & 69 = 69)
                  THEN 'YES' ELSE 'NO' END
           AS character varying(3)) AS is_trigger_insertable_into

    FROM pg_namespace nc, pg_class c

    WHERE c.relnamespace = nc.oid
          AND c.relkind = 'v'
          AND (NOT pg_is_other_temp_schema(nc.oid))
          AND (pg_has_role(c.relowner, 'USAGE')
               OR has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
               OR has_any_column_privilege(c.oid, 'SELECT, INSERT, UPDATE, REFERENCES') );


GRANT SELECT ON views TO PUBLIC;
