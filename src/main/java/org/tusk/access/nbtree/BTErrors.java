package org.tusk.access.nbtree;

import org.tusk.utils.error.PgException;

/** The SQLSTATEs and error reports of nbtree (errcodes.txt) that the shared SqlState list does not name. */
final class BTErrors {
    /** ERRCODE_UNIQUE_VIOLATION. */
    static final String UNIQUE_VIOLATION = "23505";
    /** ERRCODE_INDEX_CORRUPTED. */
    static final String INDEX_CORRUPTED = "XX002";

    private BTErrors() {}

    static PgException corrupted(String message) {
        return PgException.error(INDEX_CORRUPTED, message);
    }
}
