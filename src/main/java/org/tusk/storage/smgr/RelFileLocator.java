package org.tusk.storage.smgr;

/**
 * Where a relation's files are (relfilelocator.h): tablespace, database and relfilenumber, all
 * OIDs kept as the bits of a uint32. Shared catalogs live in the global tablespace with
 * database 0; every other relation in a real database.
 *
 * @param spcOid    {@link #DEFAULTTABLESPACE_OID}, {@link #GLOBALTABLESPACE_OID} or a user tablespace
 * @param dbOid     the database, 0 exactly for shared relations
 * @param relNumber the relfilenumber (pg_class.relfilenode), which names the files
 */
public record RelFileLocator(int spcOid, int dbOid, int relNumber) {
    /** pg_default: files under {@code base/<dbOid>/}. */
    public static final int DEFAULTTABLESPACE_OID = 1663;
    /** pg_global: shared relations, files under {@code global/}. */
    public static final int GLOBALTABLESPACE_OID = 1664;

    public RelFileLocator {
        if ((spcOid == GLOBALTABLESPACE_OID) != (dbOid == 0)) {
            throw new IllegalArgumentException("database 0 goes with the global tablespace and only with it: " + str(spcOid, dbOid, relNumber));
        }
        if (relNumber == 0) throw new IllegalArgumentException("invalid relfilenumber 0");
    }

    /** A relation of database {@code dbOid} in the default tablespace. */
    public static RelFileLocator inDefaultTablespace(int dbOid, int relNumber) {
        return new RelFileLocator(DEFAULTTABLESPACE_OID, dbOid, relNumber);
    }

    /** A shared relation (global tablespace, database 0). */
    public static RelFileLocator shared(int relNumber) {
        return new RelFileLocator(GLOBALTABLESPACE_OID, 0, relNumber);
    }

    public boolean isShared() {
        return spcOid == GLOBALTABLESPACE_OID;
    }

    @Override
    public String toString() {
        return str(spcOid, dbOid, relNumber);
    }

    private static String str(int spc, int db, int rel) {
        return Integer.toUnsignedString(spc) + "/" + Integer.toUnsignedString(db) + "/" + Integer.toUnsignedString(rel);
    }
}
