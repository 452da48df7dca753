package org.tusk.storage.smgr;

/**
 * The forks of a relation (relpath.h): each is a separate file sequence with its own suffix.
 * The numbers are PostgreSQL's and appear in WAL records and sync requests.
 */
public enum ForkNumber {
    /** The relation's data. */
    MAIN(0, ""),
    /** The free space map. */
    FSM(1, "fsm"),
    /** The visibility map. */
    VM(2, "vm"),
    /** The initial contents of an unlogged relation, copied over MAIN after a crash. */
    INIT(3, "init");

    private final int number;
    private final String suffix;

    ForkNumber(int number, String suffix) {
        this.number = number;
        this.suffix = suffix;
    }

    public int number() { return number; }

    /** The fork numbered {@code n}, or null when there is none (e.g. a corrupt WAL record). */
    public static ForkNumber of(int n) {
        for (ForkNumber f : values()) if (f.number == n) return f;
        return null;
    }

    /** forkNames[]: "main", "fsm", "vm", "init". */
    public String forkName() { return this == MAIN ? "main" : suffix; }

    /** What follows the relfilenumber in a file name: "", "_fsm", "_vm" or "_init". */
    public String fileSuffix() { return this == MAIN ? "" : "_" + suffix; }
}
