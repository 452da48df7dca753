package org.tusk.access.table;

/**
 * LockTupleMode (lockoptions.h): the strength of a row lock, weakest first. SELECT ... FOR KEY
 * SHARE / FOR SHARE / FOR NO KEY UPDATE / FOR UPDATE take them; an UPDATE that changes no key
 * column holds NO_KEY_EXCLUSIVE on the old version, any other UPDATE and DELETE hold EXCLUSIVE.
 */
public enum LockTupleMode {
    KEY_SHARE, SHARE, NO_KEY_EXCLUSIVE, EXCLUSIVE;

    /** Whether holding this mode already gives everything {@code wanted} would. */
    public boolean covers(LockTupleMode wanted) {
        return ordinal() >= wanted.ordinal();
    }
}
