package org.tusk.utils.adt.jsonpath;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One node of a parsed jsonpath (jsonpath.h's JsonPathParseItem / JsonPathItem): an item of
 * {@link Type}, its operands and the item that follows it in an accessor chain ({@code next}).
 * Which fields are set depends on the type: {@code left}/{@code right} for binary operators,
 * {@code arg} for unary ones, filters, exists, is unknown, like_regex and .datetime(template),
 * {@code str} for keys, strings, variables and the regex pattern, {@code num} for numeric
 * literals, {@code bool} for booleans, {@code subscripts} for [ ], {@code first}/{@code last}
 * for .** (-1 meaning "last", PostgreSQL's PG_UINT32_MAX). Items are built by the parser,
 * linked once (makeItemList appends to {@code next}), and never changed after the jsonpath
 * value is complete, so one value may be executed by several callers.
 */
public final class JsonPathItem {
    /** JsonPathItemType, in jsonpath.h's order. */
    public enum Type {
        NULL, STRING, NUMERIC, BOOL, AND, OR, NOT, IS_UNKNOWN, EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL,
        GREATER_OR_EQUAL, ADD, SUB, MUL, DIV, MOD, PLUS, MINUS, ANY_ARRAY, ANY_KEY, INDEX_ARRAY, ANY, KEY, CURRENT,
        ROOT, VARIABLE, FILTER, EXISTS, TYPE, SIZE, ABS, FLOOR, CEILING, DOUBLE, DATETIME, KEY_VALUE, SUBSCRIPT, LAST,
        STARTS_WITH, LIKE_REGEX
    }

    /** like_regex flag bits (JSP_REGEX_*). */
    public static final int REGEX_ICASE = 1, REGEX_DOTALL = 2, REGEX_MLINE = 4, REGEX_WSPACE = 8, REGEX_QUOTE = 16;

    /** The "last" bound of .**{...} (PG_UINT32_MAX in PostgreSQL). */
    public static final long LAST_LEVEL = 0xFFFFFFFFL;

    final Type type;
    JsonPathItem left, right, arg, next;
    String str;
    BigDecimal num;
    boolean bool;
    /** For INDEX_ARRAY: each element is {from, to}, to null for a single subscript. */
    List<JsonPathItem[]> subscripts;
    long first, last;
    int regexFlags;
    /** The compiled like_regex pattern (compiled once at input, as PostgreSQL checks it there). */
    Pattern regex;

    JsonPathItem(Type type) {
        this.type = type;
    }

    public Type type() { return type; }

    public JsonPathItem next() { return next; }

    static JsonPathItem binary(Type t, JsonPathItem l, JsonPathItem r) {
        JsonPathItem i = new JsonPathItem(t);
        i.left = l;
        i.right = r;
        return i;
    }

    static JsonPathItem unary(Type t, JsonPathItem a) {
        JsonPathItem i = new JsonPathItem(t);
        i.arg = a;
        return i;
    }

    static JsonPathItem string(Type t, String s) {
        JsonPathItem i = new JsonPathItem(t);
        i.str = s;
        return i;
    }
}
