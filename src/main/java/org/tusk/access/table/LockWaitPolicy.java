package org.tusk.access.table;

/**
 * LockWaitPolicy (lockoptions.h): what a row lock does when another transaction holds a
 * conflicting lock: wait (the default), skip the row (SKIP LOCKED) or fail with 55P03 (NOWAIT).
 */
public enum LockWaitPolicy { BLOCK, SKIP, ERROR }
