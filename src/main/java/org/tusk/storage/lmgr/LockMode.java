package org.tusk.storage.lmgr;

/**
 * The eight lock modes of PostgreSQL's default lock method (lockdefs.h), with their numbers,
 * their names as pg_locks and error messages print them, and the conflict table
 * ({@code LockConflicts} in lock.c).
 *
 * <p>Masks of modes use PostgreSQL's LOCKBIT_ON: bit {@code 1 << number}, bit 0 unused.
 */
public enum LockMode {
    ACCESS_SHARE(1, "AccessShareLock"),
    ROW_SHARE(2, "RowShareLock"),
    ROW_EXCLUSIVE(3, "RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE(4, "ShareUpdateExclusiveLock"),
    SHARE(5, "ShareLock"),
    SHARE_ROW_EXCLUSIVE(6, "ShareRowExclusiveLock"),
    EXCLUSIVE(7, "ExclusiveLock"),
    ACCESS_EXCLUSIVE(8, "AccessExclusiveLock");

    /** numLockModes of the default and user lock methods. */
    public static final int NUM_LOCK_MODES = 8;

    private static final LockMode[] BY_NUMBER = new LockMode[NUM_LOCK_MODES + 1];
    private static final int[] CONFLICTS = new int[NUM_LOCK_MODES + 1];

    static {
        for (LockMode m : values()) BY_NUMBER[m.number] = m;
        // lock.c's LockConflicts[], row by row.
        CONFLICTS[1] = bits(ACCESS_EXCLUSIVE);
        CONFLICTS[2] = bits(EXCLUSIVE, ACCESS_EXCLUSIVE);
        CONFLICTS[3] = bits(SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
        CONFLICTS[4] = bits(SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
        CONFLICTS[5] = bits(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
        CONFLICTS[6] = bits(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
                ACCESS_EXCLUSIVE);
        CONFLICTS[7] = bits(ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
                ACCESS_EXCLUSIVE);
        CONFLICTS[8] = bits(ACCESS_SHARE, ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE,
                SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
    }

    private final int number;
    private final String pgName;

    LockMode(int number, String pgName) {
        this.number = number;
        this.pgName = pgName;
    }

    /** PostgreSQL's LOCKMODE number, 1..8. */
    public int number() { return number; }

    /** The name pg_locks and messages use, e.g. "AccessExclusiveLock" (GetLockmodeName). */
    public String pgName() { return pgName; }

    /** LOCKBIT_ON(this). */
    public int bit() { return 1 << number; }

    /** conflictTab[this]: the modes this one conflicts with, as a mask. */
    public int conflictMask() { return CONFLICTS[number]; }

    public boolean conflictsWith(LockMode other) {
        return (CONFLICTS[number] & other.bit()) != 0;
    }

    public static LockMode of(int number) {
        if (number < 1 || number > NUM_LOCK_MODES) throw new IllegalArgumentException("invalid lock mode " + number);
        return BY_NUMBER[number];
    }

    /** conflictTab[] by mode number, for code that works on masks in shared memory. */
    static int conflictMask(int number) {
        return CONFLICTS[number];
    }

    private static int bits(LockMode... modes) {
        int m = 0;
        for (LockMode x : modes) m |= x.bit();
        return m;
    }
}
