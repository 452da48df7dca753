package org.tusk.catalog;

/**
 * One row of pg_policy (catalog/pg_policy.h) as the relcache keeps it (RowSecurityPolicy of
 * rowsecurity.h): a row-level security policy of table {@code relid}.
 *
 * @param cmd         polcmd: '*' ALL, 'r' SELECT, 'a' INSERT, 'w' UPDATE, 'd' DELETE
 * @param permissive  polpermissive: ORed with the other permissive policies (else ANDed, RESTRICTIVE)
 * @param roles       polroles: the roles it applies to, {@link Acl#PUBLIC} (0) for PUBLIC
 * @param qual        polqual: the USING expression's SQL text, or null
 * @param withCheck   polwithcheck: the WITH CHECK expression's SQL text, or null
 */
public record PolicyInfo(int oid, String name, int relid, char cmd, boolean permissive, int[] roles, String qual,
                         String withCheck) {
    /** polcmd values (parsenodes.h ACL_*_CHR as PostgreSQL stores them). */
    public static final char CMD_ALL = '*', CMD_SELECT = 'r', CMD_INSERT = 'a', CMD_UPDATE = 'w', CMD_DELETE = 'd';

    public PolicyInfo {
        roles = roles.clone();
    }

    @Override
    public int[] roles() {
        return roles.clone();
    }

    /** Whether the policy applies to role {@code roleId} directly or through PUBLIC (not membership). */
    public boolean namesRole(int roleId) {
        for (int r : roles) if (r == roleId) return true;
        return false;
    }

    /** parse_policy_command: the polcmd of a FOR clause's keyword ("all", "select", ...). */
    public static char command(String keyword) {
        return switch (keyword) {
            case "all" -> CMD_ALL;
            case "select" -> CMD_SELECT;
            case "insert" -> CMD_INSERT;
            case "update" -> CMD_UPDATE;
            case "delete" -> CMD_DELETE;
            default -> throw new IllegalArgumentException("unrecognized policy command " + keyword);
        };
    }

    /** The command's keyword as pg_policies shows it (ALL, SELECT, ...). */
    public static String commandName(char cmd) {
        return switch (cmd) {
            case CMD_SELECT -> "SELECT";
            case CMD_INSERT -> "INSERT";
            case CMD_UPDATE -> "UPDATE";
            case CMD_DELETE -> "DELETE";
            default -> "ALL";
        };
    }
}
