package org.tusk.catalog;

/**
 * One row of pg_rewrite as the rewriter uses it (RewriteRule of rewrite/prs2lock.h): the event
 * ({@code evType}: '1' SELECT, '2' UPDATE, '3' INSERT, '4' DELETE, PostgreSQL's CmdType codes),
 * whether it is DO INSTEAD, the WHERE condition's SQL text (null for none) and the actions' SQL
 * texts ({@code actions}; empty for DO INSTEAD NOTHING). Tusk keeps the texts where PostgreSQL
 * keeps nodeToString trees (see {@link RuleCatalog}); they refer to the rule's relation through
 * OLD and NEW.
 */
public record RuleInfo(int oid, String name, int relOid, char evType, char enabled, boolean instead, String qual,
                       java.util.List<String> actions) {
    /** ev_type for an event keyword (SELECT, INSERT, UPDATE, DELETE). */
    public static char evType(String event) {
        return switch (event) {
            case "select" -> '1';
            case "update" -> '2';
            case "insert" -> '3';
            case "delete" -> '4';
            default -> throw new IllegalArgumentException(event);
        };
    }

    /** The event's keyword, upper case (ON INSERT ...). */
    public String eventName() {
        return switch (evType) {
            case '1' -> "SELECT";
            case '2' -> "UPDATE";
            case '3' -> "INSERT";
            default -> "DELETE";
        };
    }
}
