package org.tusk.catalog;

/**
 * How parse analysis finds relations named in FROM. The rest of the server implements this
 * (system views now, the real catalog later).
 */
public interface RelationProvider {
    /** Resolves (schema, name) to a scannable relation, or null if there is no such relation. */
    ScannableRelation lookup(String schemaOrNull, String name);

    /** A provider that knows no relations. */
    RelationProvider EMPTY = (schema, name) -> null;
}
