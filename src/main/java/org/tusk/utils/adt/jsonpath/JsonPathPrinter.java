package org.tusk.utils.adt.jsonpath;

import org.tusk.utils.adt.JsonbIO;
import org.tusk.utils.adt.Numerics;
import org.tusk.utils.adt.jsonpath.JsonPathItem.Type;

/**
 * jsonpath_out (jsonPathToCstring and printJsonPathItem of jsonpath.c): the canonical text.
 * Keys, strings and variable names are printed as JSON strings, binary operators are
 * parenthesised when their priority does not exceed their parent's (and at the top level), a
 * numeric literal followed by an accessor is parenthesised, and the accessors after the first
 * item of a chain print with their leading dot.
 */
final class JsonPathPrinter {
    private JsonPathPrinter() {}

    static String print(JsonPath p) {
        StringBuilder sb = new StringBuilder();
        if (!p.lax()) sb.append("strict ");
        print(sb, p.root(), false, true);
        return sb.toString();
    }

    /** operationPriority. */
    private static int priority(Type t) {
        return switch (t) {
            case OR -> 0;
            case AND -> 1;
            case EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL, STARTS_WITH -> 2;
            case ADD, SUB -> 3;
            case MUL, DIV, MOD -> 4;
            case PLUS, MINUS -> 5;
            default -> 6;
        };
    }

    /** jspOperationName. */
    static String operationName(Type t) {
        return switch (t) {
            case AND -> "&&";
            case OR -> "||";
            case EQUAL -> "==";
            case NOT_EQUAL -> "!=";
            case LESS -> "<";
            case GREATER -> ">";
            case LESS_OR_EQUAL -> "<=";
            case GREATER_OR_EQUAL -> ">=";
            case PLUS, ADD -> "+";
            case MINUS, SUB -> "-";
            case MUL -> "*";
            case DIV -> "/";
            case MOD -> "%";
            case STARTS_WITH -> "starts with";
            case LIKE_REGEX -> "like_regex";
            case TYPE -> "type";
            case SIZE -> "size";
            case KEY_VALUE -> "keyvalue";
            case DOUBLE -> "double";
            case ABS -> "abs";
            case FLOOR -> "floor";
            case CEILING -> "ceiling";
            case DATETIME -> "datetime";
            default -> throw new IllegalStateException("unrecognized jsonpath item type: " + t);
        };
    }

    private static void print(StringBuilder sb, JsonPathItem v, boolean inKey, boolean brackets) {
        switch (v.type) {
            case NULL -> sb.append("null");
            case STRING -> JsonbIO.escape(sb, v.str);
            case NUMERIC -> {
                if (v.next != null) sb.append('(');
                sb.append(Numerics.numericOut(v.num));
                if (v.next != null) sb.append(')');
            }
            case BOOL -> sb.append(v.bool ? "true" : "false");
            case AND, OR, EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL, ADD, SUB, MUL, DIV, MOD,
                    STARTS_WITH -> {
                if (brackets) sb.append('(');
                print(sb, v.left, false, priority(v.left.type) <= priority(v.type));
                sb.append(' ').append(operationName(v.type)).append(' ');
                print(sb, v.right, false, priority(v.right.type) <= priority(v.type));
                if (brackets) sb.append(')');
            }
            case LIKE_REGEX -> {
                if (brackets) sb.append('(');
                print(sb, v.arg, false, priority(v.arg.type) <= priority(v.type));
                sb.append(" like_regex ");
                JsonbIO.escape(sb, v.str);
                if (v.regexFlags != 0) {
                    sb.append(" flag \"");
                    if ((v.regexFlags & JsonPathItem.REGEX_ICASE) != 0) sb.append('i');
                    if ((v.regexFlags & JsonPathItem.REGEX_DOTALL) != 0) sb.append('s');
                    if ((v.regexFlags & JsonPathItem.REGEX_MLINE) != 0) sb.append('m');
                    if ((v.regexFlags & JsonPathItem.REGEX_WSPACE) != 0) sb.append('x');
                    if ((v.regexFlags & JsonPathItem.REGEX_QUOTE) != 0) sb.append('q');
                    sb.append('"');
                }
                if (brackets) sb.append(')');
            }
            case PLUS, MINUS -> {
                if (brackets) sb.append('(');
                sb.append(v.type == Type.PLUS ? '+' : '-');
                print(sb, v.arg, false, priority(v.arg.type) <= priority(v.type));
                if (brackets) sb.append(')');
            }
            case FILTER -> {
                sb.append("?(");
                print(sb, v.arg, false, false);
                sb.append(')');
            }
            case NOT -> {
                sb.append("!(");
                print(sb, v.arg, false, false);
                sb.append(')');
            }
            case IS_UNKNOWN -> {
                sb.append('(');
                print(sb, v.arg, false, false);
                sb.append(") is unknown");
            }
            case EXISTS -> {
                sb.append("exists (");
                print(sb, v.arg, false, false);
                sb.append(')');
            }
            case CURRENT -> sb.append('@');
            case ROOT -> sb.append('$');
            case VARIABLE -> {
                sb.append('$');
                JsonbIO.escape(sb, v.str);
            }
            case LAST -> sb.append("last");
            case ANY_ARRAY -> sb.append("[*]");
            case ANY_KEY -> {
                if (inKey) sb.append('.');
                sb.append('*');
            }
            case INDEX_ARRAY -> {
                sb.append('[');
                for (int i = 0; i < v.subscripts.size(); i++) {
                    if (i > 0) sb.append(',');
                    JsonPathItem[] s = v.subscripts.get(i);
                    print(sb, s[0], false, false);
                    if (s[1] != null) {
                        sb.append(" to ");
                        print(sb, s[1], false, false);
                    }
                }
                sb.append(']');
            }
            case ANY -> {
                if (inKey) sb.append('.');
                long max = JsonPathItem.LAST_LEVEL;
                if (v.first == 0 && v.last == max) sb.append("**");
                else if (v.first == v.last) sb.append(v.first == max ? "**{last}" : "**{" + v.first + "}");
                else if (v.first == max) sb.append("**{last to ").append(v.last).append('}');
                else if (v.last == max) sb.append("**{").append(v.first).append(" to last}");
                else sb.append("**{").append(v.first).append(" to ").append(v.last).append('}');
            }
            case KEY -> {
                if (inKey) sb.append('.');
                JsonbIO.escape(sb, v.str);
            }
            case TYPE, SIZE, ABS, FLOOR, CEILING, DOUBLE, KEY_VALUE -> sb.append('.').append(operationName(v.type)).append("()");
            case DATETIME -> {
                sb.append(".datetime(");
                if (v.arg != null) print(sb, v.arg, false, false);
                sb.append(')');
            }
            default -> throw new IllegalStateException("unrecognized jsonpath item type: " + v.type);
        }
        if (v.next != null) print(sb, v.next, true, true);
    }
}
