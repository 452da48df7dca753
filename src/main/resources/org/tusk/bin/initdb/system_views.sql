-- System views of PostgreSQL 15's src/backend/catalog/system_views.sql that are plain SQL over
-- catalogs Tusk stores, created by initdb in template1's pg_catalog as PostgreSQL's are. (The
-- ones Tusk computes in Java, such as pg_tables, pg_indexes, pg_stats, pg_roles and pg_settings,
-- are not here: see catalog/IntrospectionViews and catalog/SharedCatalogViews.) Adaptations:
--  * a view's query is analysed again at each use under the caller's search_path, so every
--    function and relation is schema-qualified;
--  * views run with the caller's privileges, and pg_authid is readable by superusers only, so
--    pg_group reads pg_roles (rolname, oid, rolcanlogin) instead;
--  * not created yet: the views over features Tusk lacks, and among the statistics views those
--    of functions, WAL, SLRUs and replication.

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

-- The cumulative statistics views (PostgreSQL 15's, over pgstatfuncs.c's functions).

CREATE VIEW pg_catalog.pg_stat_all_tables AS
    SELECT
            C.oid AS relid,
            N.nspname AS schemaname,
            C.relname AS relname,
            pg_catalog.pg_stat_get_numscans(C.oid) AS seq_scan,
            pg_catalog.pg_stat_get_tuples_returned(C.oid) AS seq_tup_read,
            sum(pg_catalog.pg_stat_get_numscans(I.indexrelid))::pg_catalog.int8 AS idx_scan,
            sum(pg_catalog.pg_stat_get_tuples_fetched(I.indexrelid))::pg_catalog.int8 +
            pg_catalog.pg_stat_get_tuples_fetched(C.oid) AS idx_tup_fetch,
            pg_catalog.pg_stat_get_tuples_inserted(C.oid) AS n_tup_ins,
            pg_catalog.pg_stat_get_tuples_updated(C.oid) AS n_tup_upd,
            pg_catalog.pg_stat_get_tuples_deleted(C.oid) AS n_tup_del,
            pg_catalog.pg_stat_get_tuples_hot_updated(C.oid) AS n_tup_hot_upd,
            pg_catalog.pg_stat_get_live_tuples(C.oid) AS n_live_tup,
            pg_catalog.pg_stat_get_dead_tuples(C.oid) AS n_dead_tup,
            pg_catalog.pg_stat_get_mod_since_analyze(C.oid) AS n_mod_since_analyze,
            pg_catalog.pg_stat_get_ins_since_vacuum(C.oid) AS n_ins_since_vacuum,
            pg_catalog.pg_stat_get_last_vacuum_time(C.oid) as last_vacuum,
            pg_catalog.pg_stat_get_last_autovacuum_time(C.oid) as last_autovacuum,
            pg_catalog.pg_stat_get_last_analyze_time(C.oid) as last_analyze,
            pg_catalog.pg_stat_get_last_autoanalyze_time(C.oid) as last_autoanalyze,
            pg_catalog.pg_stat_get_vacuum_count(C.oid) AS vacuum_count,
            pg_catalog.pg_stat_get_autovacuum_count(C.oid) AS autovacuum_count,
            pg_catalog.pg_stat_get_analyze_count(C.oid) AS analyze_count,
            pg_catalog.pg_stat_get_autoanalyze_count(C.oid) AS autoanalyze_count
    FROM pg_catalog.pg_class C LEFT JOIN
         pg_catalog.pg_index I ON C.oid = I.indrelid
         LEFT JOIN pg_catalog.pg_namespace N ON (N.oid = C.relnamespace)
    WHERE C.relkind IN ('r', 't', 'm', 'p')
    GROUP BY C.oid, N.nspname, C.relname;

CREATE VIEW pg_catalog.pg_stat_sys_tables AS
    SELECT * FROM pg_catalog.pg_stat_all_tables
    WHERE schemaname IN ('pg_catalog', 'information_schema') OR
          schemaname ~ '^pg_toast';

CREATE VIEW pg_catalog.pg_stat_user_tables AS
    SELECT * FROM pg_catalog.pg_stat_all_tables
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND
          schemaname !~ '^pg_toast';

CREATE VIEW pg_catalog.pg_stat_xact_all_tables AS
    SELECT
            C.oid AS relid,
            N.nspname AS schemaname,
            C.relname AS relname,
            pg_catalog.pg_stat_get_xact_numscans(C.oid) AS seq_scan,
            pg_catalog.pg_stat_get_xact_tuples_returned(C.oid) AS seq_tup_read,
            sum(pg_catalog.pg_stat_get_xact_numscans(I.indexrelid))::pg_catalog.int8 AS idx_scan,
            sum(pg_catalog.pg_stat_get_xact_tuples_fetched(I.indexrelid))::pg_catalog.int8 +
            pg_catalog.pg_stat_get_xact_tuples_fetched(C.oid) AS idx_tup_fetch,
            pg_catalog.pg_stat_get_xact_tuples_inserted(C.oid) AS n_tup_ins,
            pg_catalog.pg_stat_get_xact_tuples_updated(C.oid) AS n_tup_upd,
            pg_catalog.pg_stat_get_xact_tuples_deleted(C.oid) AS n_tup_del,
            pg_catalog.pg_stat_get_xact_tuples_hot_updated(C.oid) AS n_tup_hot_upd
    FROM pg_catalog.pg_class C LEFT JOIN
         pg_catalog.pg_index I ON C.oid = I.indrelid
         LEFT JOIN pg_catalog.pg_namespace N ON (N.oid = C.relnamespace)
    WHERE C.relkind IN ('r', 't', 'm', 'p')
    GROUP BY C.oid, N.nspname, C.relname;

CREATE VIEW pg_catalog.pg_stat_xact_sys_tables AS
    SELECT * FROM pg_catalog.pg_stat_xact_all_tables
    WHERE schemaname IN ('pg_catalog', 'information_schema') OR
          schemaname ~ '^pg_toast';

CREATE VIEW pg_catalog.pg_stat_xact_user_tables AS
    SELECT * FROM pg_catalog.pg_stat_xact_all_tables
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND
          schemaname !~ '^pg_toast';

CREATE VIEW pg_catalog.pg_statio_all_tables AS
    SELECT
            C.oid AS relid,
            N.nspname AS schemaname,
            C.relname AS relname,
            pg_catalog.pg_stat_get_blocks_fetched(C.oid) -
                    pg_catalog.pg_stat_get_blocks_hit(C.oid) AS heap_blks_read,
            pg_catalog.pg_stat_get_blocks_hit(C.oid) AS heap_blks_hit,
            I.idx_blks_read AS idx_blks_read,
            I.idx_blks_hit AS idx_blks_hit,
            pg_catalog.pg_stat_get_blocks_fetched(T.oid) -
                    pg_catalog.pg_stat_get_blocks_hit(T.oid) AS toast_blks_read,
            pg_catalog.pg_stat_get_blocks_hit(T.oid) AS toast_blks_hit,
            X.idx_blks_read AS tidx_blks_read,
            X.idx_blks_hit AS tidx_blks_hit
    FROM pg_catalog.pg_class C LEFT JOIN
            pg_catalog.pg_class T ON C.reltoastrelid = T.oid
            LEFT JOIN pg_catalog.pg_namespace N ON (N.oid = C.relnamespace)
            LEFT JOIN LATERAL (
              SELECT sum(pg_catalog.pg_stat_get_blocks_fetched(indexrelid) -
                         pg_catalog.pg_stat_get_blocks_hit(indexrelid))::pg_catalog.int8
                     AS idx_blks_read,
                     sum(pg_catalog.pg_stat_get_blocks_hit(indexrelid))::pg_catalog.int8
                     AS idx_blks_hit
              FROM pg_catalog.pg_index WHERE indrelid = C.oid ) I ON true
            LEFT JOIN LATERAL (
              SELECT sum(pg_catalog.pg_stat_get_blocks_fetched(indexrelid) -
                         pg_catalog.pg_stat_get_blocks_hit(indexrelid))::pg_catalog.int8
                     AS idx_blks_read,
                     sum(pg_catalog.pg_stat_get_blocks_hit(indexrelid))::pg_catalog.int8
                     AS idx_blks_hit
              FROM pg_catalog.pg_index WHERE indrelid = T.oid ) X ON true
    WHERE C.relkind IN ('r', 't', 'm');

CREATE VIEW pg_catalog.pg_statio_sys_tables AS
    SELECT * FROM pg_catalog.pg_statio_all_tables
    WHERE schemaname IN ('pg_catalog', 'information_schema') OR
          schemaname ~ '^pg_toast';

CREATE VIEW pg_catalog.pg_statio_user_tables AS
    SELECT * FROM pg_catalog.pg_statio_all_tables
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND
          schemaname !~ '^pg_toast';

CREATE VIEW pg_catalog.pg_stat_all_indexes AS
    SELECT
            C.oid AS relid,
            I.oid AS indexrelid,
            N.nspname AS schemaname,
            C.relname AS relname,
            I.relname AS indexrelname,
            pg_catalog.pg_stat_get_numscans(I.oid) AS idx_scan,
            pg_catalog.pg_stat_get_tuples_returned(I.oid) AS idx_tup_read,
            pg_catalog.pg_stat_get_tuples_fetched(I.oid) AS idx_tup_fetch
    FROM pg_catalog.pg_class C JOIN
            pg_catalog.pg_index X ON C.oid = X.indrelid JOIN
            pg_catalog.pg_class I ON I.oid = X.indexrelid
            LEFT JOIN pg_catalog.pg_namespace N ON (N.oid = C.relnamespace)
    WHERE C.relkind IN ('r', 't', 'm');

CREATE VIEW pg_catalog.pg_stat_sys_indexes AS
    SELECT * FROM pg_catalog.pg_stat_all_indexes
    WHERE schemaname IN ('pg_catalog', 'information_schema') OR
          schemaname ~ '^pg_toast';

CREATE VIEW pg_catalog.pg_stat_user_indexes AS
    SELECT * FROM pg_catalog.pg_stat_all_indexes
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND
          schemaname !~ '^pg_toast';

CREATE VIEW pg_catalog.pg_statio_all_indexes AS
    SELECT
            C.oid AS relid,
            I.oid AS indexrelid,
            N.nspname AS schemaname,
            C.relname AS relname,
            I.relname AS indexrelname,
            pg_catalog.pg_stat_get_blocks_fetched(I.oid) -
                    pg_catalog.pg_stat_get_blocks_hit(I.oid) AS idx_blks_read,
            pg_catalog.pg_stat_get_blocks_hit(I.oid) AS idx_blks_hit
    FROM pg_catalog.pg_class C JOIN
            pg_catalog.pg_index X ON C.oid = X.indrelid JOIN
            pg_catalog.pg_class I ON I.oid = X.indexrelid
            LEFT JOIN pg_catalog.pg_namespace N ON (N.oid = C.relnamespace)
    WHERE C.relkind IN ('r', 't', 'm');

CREATE VIEW pg_catalog.pg_statio_sys_indexes AS
    SELECT * FROM pg_catalog.pg_statio_all_indexes
    WHERE schemaname IN ('pg_catalog', 'information_schema') OR
          schemaname ~ '^pg_toast';

CREATE VIEW pg_catalog.pg_statio_user_indexes AS
    SELECT * FROM pg_catalog.pg_statio_all_indexes
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND
          schemaname !~ '^pg_toast';

CREATE VIEW pg_catalog.pg_statio_all_sequences AS
    SELECT
            C.oid AS relid,
            N.nspname AS schemaname,
            C.relname AS relname,
            pg_catalog.pg_stat_get_blocks_fetched(C.oid) -
                    pg_catalog.pg_stat_get_blocks_hit(C.oid) AS blks_read,
            pg_catalog.pg_stat_get_blocks_hit(C.oid) AS blks_hit
    FROM pg_catalog.pg_class C
            LEFT JOIN pg_catalog.pg_namespace N ON (N.oid = C.relnamespace)
    WHERE C.relkind = 'S';

CREATE VIEW pg_catalog.pg_statio_sys_sequences AS
    SELECT * FROM pg_catalog.pg_statio_all_sequences
    WHERE schemaname IN ('pg_catalog', 'information_schema') OR
          schemaname ~ '^pg_toast';

CREATE VIEW pg_catalog.pg_statio_user_sequences AS
    SELECT * FROM pg_catalog.pg_statio_all_sequences
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND
          schemaname !~ '^pg_toast';

CREATE VIEW pg_catalog.pg_stat_database AS
    SELECT
            D.oid AS datid,
            D.datname AS datname,
                CASE
                    WHEN (D.oid = (0)::oid) THEN 0
                    ELSE pg_catalog.pg_stat_get_db_numbackends(D.oid)
                END AS numbackends,
            pg_catalog.pg_stat_get_db_xact_commit(D.oid) AS xact_commit,
            pg_catalog.pg_stat_get_db_xact_rollback(D.oid) AS xact_rollback,
            pg_catalog.pg_stat_get_db_blocks_fetched(D.oid) -
                    pg_catalog.pg_stat_get_db_blocks_hit(D.oid) AS blks_read,
            pg_catalog.pg_stat_get_db_blocks_hit(D.oid) AS blks_hit,
            pg_catalog.pg_stat_get_db_tuples_returned(D.oid) AS tup_returned,
            pg_catalog.pg_stat_get_db_tuples_fetched(D.oid) AS tup_fetched,
            pg_catalog.pg_stat_get_db_tuples_inserted(D.oid) AS tup_inserted,
            pg_catalog.pg_stat_get_db_tuples_updated(D.oid) AS tup_updated,
            pg_catalog.pg_stat_get_db_tuples_deleted(D.oid) AS tup_deleted,
            pg_catalog.pg_stat_get_db_conflict_all(D.oid) AS conflicts,
            pg_catalog.pg_stat_get_db_temp_files(D.oid) AS temp_files,
            pg_catalog.pg_stat_get_db_temp_bytes(D.oid) AS temp_bytes,
            pg_catalog.pg_stat_get_db_deadlocks(D.oid) AS deadlocks,
            pg_catalog.pg_stat_get_db_checksum_failures(D.oid) AS checksum_failures,
            pg_catalog.pg_stat_get_db_checksum_last_failure(D.oid) AS checksum_last_failure,
            pg_catalog.pg_stat_get_db_blk_read_time(D.oid) AS blk_read_time,
            pg_catalog.pg_stat_get_db_blk_write_time(D.oid) AS blk_write_time,
            pg_catalog.pg_stat_get_db_session_time(D.oid) AS session_time,
            pg_catalog.pg_stat_get_db_active_time(D.oid) AS active_time,
            pg_catalog.pg_stat_get_db_idle_in_transaction_time(D.oid) AS idle_in_transaction_time,
            pg_catalog.pg_stat_get_db_sessions(D.oid) AS sessions,
            pg_catalog.pg_stat_get_db_sessions_abandoned(D.oid) AS sessions_abandoned,
            pg_catalog.pg_stat_get_db_sessions_fatal(D.oid) AS sessions_fatal,
            pg_catalog.pg_stat_get_db_sessions_killed(D.oid) AS sessions_killed,
            pg_catalog.pg_stat_get_db_stat_reset_time(D.oid) AS stats_reset
    FROM (
        SELECT 0 AS oid, NULL::pg_catalog.name AS datname
        UNION ALL
        SELECT oid, datname FROM pg_catalog.pg_database
    ) D;

CREATE VIEW pg_catalog.pg_stat_database_conflicts AS
    SELECT
            D.oid AS datid,
            D.datname AS datname,
            pg_catalog.pg_stat_get_db_conflict_tablespace(D.oid) AS confl_tablespace,
            pg_catalog.pg_stat_get_db_conflict_lock(D.oid) AS confl_lock,
            pg_catalog.pg_stat_get_db_conflict_snapshot(D.oid) AS confl_snapshot,
            pg_catalog.pg_stat_get_db_conflict_bufferpin(D.oid) AS confl_bufferpin,
            pg_catalog.pg_stat_get_db_conflict_startup_deadlock(D.oid) AS confl_deadlock
    FROM pg_catalog.pg_database D;

CREATE VIEW pg_catalog.pg_stat_bgwriter AS
    SELECT
        pg_catalog.pg_stat_get_bgwriter_timed_checkpoints() AS checkpoints_timed,
        pg_catalog.pg_stat_get_bgwriter_requested_checkpoints() AS checkpoints_req,
        pg_catalog.pg_stat_get_checkpoint_write_time() AS checkpoint_write_time,
        pg_catalog.pg_stat_get_checkpoint_sync_time() AS checkpoint_sync_time,
        pg_catalog.pg_stat_get_bgwriter_buf_written_checkpoints() AS buffers_checkpoint,
        pg_catalog.pg_stat_get_bgwriter_buf_written_clean() AS buffers_clean,
        pg_catalog.pg_stat_get_bgwriter_maxwritten_clean() AS maxwritten_clean,
        pg_catalog.pg_stat_get_buf_written_backend() AS buffers_backend,
        pg_catalog.pg_stat_get_buf_fsync_backend() AS buffers_backend_fsync,
        pg_catalog.pg_stat_get_buf_alloc() AS buffers_alloc,
        pg_catalog.pg_stat_get_bgwriter_stat_reset_time() AS stats_reset;
