package org.tusk.access.gin;

import java.util.List;

/**
 * A GIN operator class's support functions (gin.h, the opclass's pg_amproc rows): how values
 * become keys, queries become entries, and which combinations of found entries may match.
 * Keys are values of the class's storage type ({@link #keyType}); a null key is a null element
 * (GIN_CAT_NULL_KEY). Each class answers for every strategy of its operator family.
 */
public interface GinOpclass {
    /** The name (pg_opclass.opcname). */
    String name();

    /** opckeytype resolved for an indexed column of {@code columnType}: the type of the keys stored. */
    int keyType(int columnType);

    /** support function 1, compare (a btree comparison of two non-null keys). */
    int compare(Object a, Object b, int keyType);

    /**
     * support function 2, extractValue: the keys of one non-null indexed value (duplicates
     * allowed; nulls are null keys). An empty list makes the row a GIN_CAT_EMPTY_ITEM.
     */
    List<Object> extractValue(Object value, int keyType);

    /**
     * support function 3, extractQuery: the entries a query value needs searched for strategy
     * {@code strategy}, and the search mode.
     */
    Query extractQuery(Object query, int strategy, int keyType);

    /**
     * support function 4, consistent: whether a row whose keys include exactly the entries
     * {@code check} marks may satisfy the query. Rows are always rechecked against the operator
     * afterwards (the heap scan's Recheck Cond), so a class may answer true where unsure.
     */
    boolean consistent(boolean[] check, int strategy, Query query);

    /** GIN_SEARCH_MODE_DEFAULT, _INCLUDE_EMPTY and _ALL (gin.h). */
    enum SearchMode { DEFAULT, INCLUDE_EMPTY, ALL }

    /**
     * extractQuery's result: the entries (null: a null key), and the search mode. With no entries
     * and DEFAULT, nothing can match (ginNewScanKey's isVoidRes).
     */
    record Query(List<Object> entries, SearchMode mode, Object extra) {
        public Query(List<Object> entries, SearchMode mode) {
            this(entries, mode, null);
        }
    }
}
