package org.tusk.catalog;

/**
 * PostgreSQL's catalog/pg_class.c errdetail_relkind_not_supported: the DETAIL line of an error
 * refusing an operation on a kind of relation ("This operation is not supported for indexes.").
 */
public final class RelkindDetail {
    private RelkindDetail() {}

    public static String notSupported(char relkind) {
        String kinds = switch (relkind) {
            case 'r' -> "tables";
            case 'i' -> "indexes";
            case 'S' -> "sequences";
            case 't' -> "TOAST tables";
            case 'v' -> "views";
            case 'm' -> "materialized views";
            case 'c' -> "composite types";
            case 'f' -> "foreign tables";
            case 'p' -> "partitioned tables";
            case 'I' -> "partitioned indexes";
            default -> throw new IllegalArgumentException("unrecognized relkind: '" + relkind + "'");
        };
        return "This operation is not supported for " + kinds + ".";
    }

    /** get_relkind_objtype, as aclcheck_error names it ("must be owner of sequence s"). */
    public static String objectKind(char relkind) {
        return switch (relkind) {
            case 'S' -> "sequence";
            case 'v' -> "view";
            case 'm' -> "materialized view";
            case 'f' -> "foreign table";
            case 'i', 'I' -> "index";
            case 'c' -> "type";
            default -> "table";
        };
    }
}
