package org.tusk.storage.smgr;

/**
 * File names of relation segments, relative to the data directory (relpath.c, GetRelationPath,
 * and md.c's _mdfd_segpath), exactly as PostgreSQL 15 names them:
 *
 * <pre>
 * global/&lt;rel&gt;[_fork][.segno]                                    shared relations
 * base/&lt;db&gt;/&lt;rel&gt;[_fork][.segno]                                 default tablespace
 * pg_tblspc/&lt;spc&gt;/PG_15_202209061/&lt;db&gt;/&lt;rel&gt;[_fork][.segno]      other tablespaces
 * </pre>
 * Segment 0 has no ".0". Temporary relations ({@code t<backend>_<rel>}) are not supported yet.
 */
public final class RelPath {
    /** TABLESPACE_VERSION_DIRECTORY: "PG_" major version "_" catalog version. */
    public static final String TABLESPACE_VERSION_DIRECTORY = "PG_15_202209061";

    private RelPath() {}

    /** relpath(): the path of segment 0 of a fork. */
    public static String of(RelFileLocator rl, ForkNumber fork) {
        String rel = Integer.toUnsignedString(rl.relNumber()) + fork.fileSuffix();
        if (rl.isShared()) return "global/" + rel;
        String db = Integer.toUnsignedString(rl.dbOid());
        if (rl.spcOid() == RelFileLocator.DEFAULTTABLESPACE_OID) return "base/" + db + "/" + rel;
        return "pg_tblspc/" + Integer.toUnsignedString(rl.spcOid()) + "/" + TABLESPACE_VERSION_DIRECTORY + "/" + db + "/" + rel;
    }

    /** The path of segment {@code segno} of a fork. */
    public static String segment(RelFileLocator rl, ForkNumber fork, int segno) {
        String base = of(rl, fork);
        return segno == 0 ? base : base + "." + Integer.toUnsignedString(segno);
    }
}
