-- System views of PostgreSQL 15's src/backend/catalog/system_views.sql that are plain SQL over
-- catalogs Tusk stores, created by initdb in template1's pg_catalog as PostgreSQL's are. (The
-- ones Tusk computes in Java, such as pg_tables, pg_indexes, pg_stats, pg_roles and pg_settings,
-- are not here: see catalog/IntrospectionViews and catalog/SharedCatalogViews.) Adaptations:
--  * a view's query is analysed again at each use under the caller's search_path, so every
--    function and relation is schema-qualified;
--  * views run with the caller's privileges, and pg_authid is readable by superusers only, so
--    pg_group reads pg_roles (rolname, oid, rolcanlogin) instead;
--  * not created yet: the statistics views (no cumulative statistics system) and the views
--    over features Tusk lacks.

CREATE VIEW pg_catalog.pg_group AS
    SELECT r.rolname AS groname,
           r.oid AS grosysid,
           ARRAY(SELECT m.member FROM pg_catalog.pg_auth_members m WHERE m.roleid = r.oid) AS grolist
    FROM pg_catalog.pg_roles r
    WHERE NOT r.rolcanlogin;

CREATE VIEW pg_catalog.pg_views AS
    SELECT N.nspname AS schemaname,
           C.relname AS viewname,
           pg_catalog.pg_get_userbyid(C.relowner) AS viewowner,
           pg_catalog.pg_get_viewdef(C.oid) AS definition
    FROM pg_catalog.pg_class C LEFT JOIN pg_catalog.pg_namespace N ON (N.oid = C.relnamespace)
    WHERE C.relkind = 'v';

CREATE VIEW pg_catalog.pg_rules AS
    SELECT N.nspname AS schemaname,
           C.relname AS tablename,
           R.rulename AS rulename,
           pg_catalog.pg_get_ruledef(R.oid) AS definition
    FROM (pg_catalog.pg_rewrite R JOIN pg_catalog.pg_class C ON (C.oid = R.ev_class))
         LEFT JOIN pg_catalog.pg_namespace N ON (N.oid = C.relnamespace)
    WHERE R.rulename != '_RETURN';

CREATE VIEW pg_catalog.pg_matviews AS
    SELECT N.nspname AS schemaname,
           C.relname AS matviewname,
           pg_catalog.pg_get_userbyid(C.relowner) AS matviewowner,
           T.spcname AS tablespace,
           C.relhasindex AS hasindexes,
           C.relispopulated AS ispopulated,
           pg_catalog.pg_get_viewdef(C.oid) AS definition
    FROM pg_catalog.pg_class C LEFT JOIN pg_catalog.pg_namespace N ON (N.oid = C.relnamespace)
         LEFT JOIN pg_catalog.pg_tablespace T ON (T.oid = C.reltablespace)
    WHERE C.relkind = 'm';

CREATE VIEW pg_catalog.pg_sequences AS
    SELECT N.nspname AS schemaname,
           C.relname AS sequencename,
           pg_catalog.pg_get_userbyid(C.relowner) AS sequenceowner,
           S.seqtypid::pg_catalog.regtype AS data_type,
           S.seqstart AS start_value,
           S.seqmin AS min_value,
           S.seqmax AS max_value,
           S.seqincrement AS increment_by,
           S.seqcycle AS cycle,
           S.seqcache AS cache_size,
           CASE
               WHEN pg_catalog.has_sequence_privilege(C.oid, 'SELECT,USAGE'::text)
                   THEN pg_catalog.pg_sequence_last_value(C.oid)
               ELSE NULL
           END AS last_value
    FROM pg_catalog.pg_sequence S JOIN pg_catalog.pg_class C ON (C.oid = S.seqrelid)
         LEFT JOIN pg_catalog.pg_namespace N ON (N.oid = C.relnamespace)
    WHERE NOT pg_catalog.pg_is_other_temp_schema(N.oid)
          AND relkind = 'S';

-- initdb's setup_privileges: every relation of pg_catalog is readable by PUBLIC.
GRANT SELECT ON pg_catalog.pg_group, pg_catalog.pg_views, pg_catalog.pg_rules, pg_catalog.pg_matviews, pg_catalog.pg_sequences TO PUBLIC;
