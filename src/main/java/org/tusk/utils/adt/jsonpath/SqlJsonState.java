package org.tusk.utils.adt.jsonpath;

/** The SQL/JSON SQLSTATEs (errcodes.txt class 22, subclasses 22030-2203F) that jsonpath raises. */
final class SqlJsonState {
    private SqlJsonState() {}

    static final String INVALID_ARGUMENT_FOR_SQL_JSON_DATETIME_FUNCTION = "22031";
    static final String INVALID_SQL_JSON_SUBSCRIPT = "22033";
    static final String NON_NUMERIC_SQL_JSON_ITEM = "22036";
    static final String SINGLETON_SQL_JSON_ITEM_REQUIRED = "22038";
    static final String SQL_JSON_ARRAY_NOT_FOUND = "22039";
    static final String SQL_JSON_MEMBER_NOT_FOUND = "2203A";
    static final String SQL_JSON_NUMBER_NOT_FOUND = "2203B";
    static final String SQL_JSON_OBJECT_NOT_FOUND = "2203C";
}
