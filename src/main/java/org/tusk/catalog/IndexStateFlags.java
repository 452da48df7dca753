package org.tusk.catalog;

/**
 * index_set_state_flags' actions (PostgreSQL's IndexStateFlagsAction in index.h): the steps by
 * which CREATE INDEX CONCURRENTLY makes an index ready for inserts and then valid for queries,
 * and DROP INDEX CONCURRENTLY (and REINDEX CONCURRENTLY's old index) takes it out of use.
 */
public enum IndexStateFlags {
    /** indisready = true: from now on inserts maintain the index. */
    CREATE_SET_READY,
    /** indisvalid = true: from now on queries may use it. */
    CREATE_SET_VALID,
    /** indisvalid = false (and indisclustered, indisreplident): queries stop using it. */
    DROP_CLEAR_VALID,
    /** indisready = indislive = false: inserts stop maintaining it. */
    DROP_SET_DEAD
}
