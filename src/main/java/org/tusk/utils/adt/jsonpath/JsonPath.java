package org.tusk.utils.adt.jsonpath;

/**
 * A jsonpath value (jsonpath.h's JsonPath): the mode (lax or strict) and the root item. Values
 * are immutable; input is {@link JsonPathParser#parse}, output {@link JsonPathPrinter#print},
 * and two values are equal when their canonical texts are (PostgreSQL has no jsonpath
 * comparison operators; equality is only used by Tusk's own value handling).
 */
public record JsonPath(boolean lax, JsonPathItem root) {

    /** jsonpath_in. */
    public static JsonPath in(String text) {
        return JsonPathParser.parse(text);
    }

    /** jsonpath_out. */
    public String out() {
        return JsonPathPrinter.print(this);
    }

    @Override
    public String toString() { return out(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPath p && out().equals(p.out());
    }

    @Override
    public int hashCode() { return out().hashCode(); }
}
