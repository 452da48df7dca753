package org.tusk.commands.explain;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The structured-output half of PostgreSQL's explain.c: ExplainBeginOutput/EndOutput,
 * ExplainOpenGroup/CloseGroup, ExplainProperty* and the escaping of each format. In TEXT format
 * properties are lines "Label: value" indented by {@link #indent} × 2 spaces, and the node
 * printer writes the node header lines itself through {@link #text()}; in XML, JSON and YAML
 * every property is an element of the current group. The grouping stack records, per open
 * group, whether anything was written in it yet (JSON's commas, YAML's line starts).
 */
final class ExplainOutput {
    final ExplainFormat format;
    private final StringBuilder str = new StringBuilder();
    /** es->indent. */
    int indent;
    /** es->grouping_stack: 0 while the innermost group is empty, 1 after its first member. */
    private final Deque<Integer> groupingStack = new ArrayDeque<>();

    ExplainOutput(ExplainFormat format) {
        this.format = format;
    }

    /** The buffer, for the text format's hand-written parts (node headers). */
    StringBuilder text() { return str; }

    boolean isText() { return format == ExplainFormat.TEXT; }

    /** ExplainIndentText. */
    void indentText() {
        str.append("  ".repeat(indent));
    }

    void beginOutput() {
        switch (format) {
            case XML -> {
                str.append("<explain xmlns=\"http://www.postgresql.org/2009/explain\">\n");
                indent++;
            }
            case JSON -> {
                str.append('[');
                groupingStack.push(0);
                indent++;
            }
            case YAML -> groupingStack.push(0);
            case TEXT -> { }
        }
    }

    void endOutput() {
        switch (format) {
            case XML -> {
                indent--;
                str.append("</explain>");
            }
            case JSON -> {
                indent--;
                str.append("\n]");
                groupingStack.pop();
            }
            case YAML -> groupingStack.pop();
            case TEXT -> { }
        }
    }

    /** ExplainOpenGroup: {@code labelname} null for an unnamed member of a list; {@code labeled}: an object, else a list. */
    void openGroup(String objtype, String labelname, boolean labeled) {
        switch (format) {
            case XML -> {
                xmlTag(objtype, X_OPENING);
                indent++;
            }
            case JSON -> {
                jsonLineEnding();
                str.append("  ".repeat(indent));
                if (labelname != null) {
                    escapeJson(labelname);
                    str.append(": ");
                }
                str.append(labeled ? '{' : '[');
                groupingStack.push(0);
                indent++;
            }
            case YAML -> {
                yamlLineStarting();
                if (labelname != null) {
                    str.append(labelname).append(": ");
                    groupingStack.push(1);
                } else {
                    str.append("- ");
                    groupingStack.push(0);
                }
                indent++;
            }
            case TEXT -> { }
        }
    }

    void closeGroup(String objtype, String labelname, boolean labeled) {
        switch (format) {
            case XML -> {
                indent--;
                xmlTag(objtype, X_CLOSING);
            }
            case JSON -> {
                indent--;
                str.append('\n').append("  ".repeat(indent)).append(labeled ? '}' : ']');
                groupingStack.pop();
            }
            case YAML -> {
                indent--;
                groupingStack.pop();
            }
            case TEXT -> { }
        }
    }

    /** ExplainProperty: {@code numeric} values are written unquoted in JSON and YAML. */
    void property(String label, String unit, String value, boolean numeric) {
        switch (format) {
            case TEXT -> {
                indentText();
                str.append(label).append(": ").append(value);
                if (unit != null) str.append(' ').append(unit);
                str.append('\n');
            }
            case XML -> {
                str.append("  ".repeat(indent));
                xmlTag(label, X_OPENING | X_NOWHITESPACE);
                escapeXml(value);
                xmlTag(label, X_CLOSING | X_NOWHITESPACE);
                str.append('\n');
            }
            case JSON -> {
                jsonLineEnding();
                str.append("  ".repeat(indent));
                escapeJson(label);
                str.append(": ");
                if (numeric) str.append(value); else escapeJson(value);
            }
            case YAML -> {
                yamlLineStarting();
                str.append(label).append(": ");
                if (numeric) str.append(value); else escapeJson(value);
            }
        }
    }

    void propertyText(String label, String value) { property(label, null, value, false); }

    void propertyInteger(String label, String unit, long value) { property(label, unit, Long.toString(value), true); }

    /** ExplainPropertyFloat: {@code ndigits} digits after the point. */
    void propertyFloat(String label, String unit, double value, int ndigits) {
        property(label, unit, String.format(Locale.ROOT, "%." + ndigits + "f", value), true);
    }

    void propertyBool(String label, boolean value) { property(label, null, value ? "true" : "false", true); }

    /**
     * ExplainPropertyListNested: a list that is itself an item of a list (one grouping set's
     * keys); JSON and YAML write it without its label, as "[a, b]".
     */
    void propertyListNested(String label, List<String> data) {
        switch (format) {
            case TEXT, XML -> propertyList(label, data);
            case JSON, YAML -> {
                if (format == ExplainFormat.JSON) {
                    jsonLineEnding();
                    str.append("  ".repeat(indent));
                } else {
                    yamlLineStarting();
                    str.append("- ");
                }
                str.append('[');
                for (int i = 0; i < data.size(); i++) {
                    if (i > 0) str.append(", ");
                    escapeJson(data.get(i));
                }
                str.append(']');
            }
        }
    }

    /** ExplainPropertyList: "Label: a, b" in text, a list elsewhere. */
    void propertyList(String label, List<String> data) {
        switch (format) {
            case TEXT -> {
                indentText();
                str.append(label).append(": ").append(String.join(", ", data)).append('\n');
            }
            case XML -> {
                xmlTag(label, X_OPENING);
                for (String d : data) {
                    str.append("  ".repeat(indent + 1)).append("<Item>");
                    escapeXml(d);
                    str.append("</Item>\n");
                }
                xmlTag(label, X_CLOSING);
            }
            case JSON -> {
                jsonLineEnding();
                str.append("  ".repeat(indent));
                escapeJson(label);
                str.append(": [");
                for (int i = 0; i < data.size(); i++) {
                    if (i > 0) str.append(", ");
                    escapeJson(data.get(i));
                }
                str.append(']');
            }
            case YAML -> {
                yamlLineStarting();
                str.append(label).append(": ");
                for (String d : data) {
                    str.append('\n').append("  ".repeat(indent + 1)).append("- ");
                    escapeJson(d);
                }
            }
        }
    }

    private static final int X_OPENING = 0, X_CLOSING = 1, X_CLOSE_IMMEDIATE = 2, X_NOWHITESPACE = 4;

    /** ExplainXMLTag: spaces in the label become dashes. */
    private void xmlTag(String tagname, int flags) {
        if ((flags & X_NOWHITESPACE) == 0) str.append("  ".repeat(indent));
        str.append('<');
        if ((flags & X_CLOSING) != 0) str.append('/');
        str.append(tagname.replace(' ', '-'));
        if ((flags & X_CLOSE_IMMEDIATE) != 0) str.append(" /");
        str.append('>');
        if ((flags & X_NOWHITESPACE) == 0) str.append('\n');
    }

    /** ExplainJSONLineEnding. */
    private void jsonLineEnding() {
        if (groupingStack.peek() != 0) str.append(',');
        else replaceTop(1);
        str.append('\n');
    }

    /** ExplainYAMLLineStarting. */
    private void yamlLineStarting() {
        if (groupingStack.peek() == 0) {
            replaceTop(1);
        } else {
            str.append('\n').append("  ".repeat(indent));
        }
    }

    private void replaceTop(int v) {
        groupingStack.pop();
        groupingStack.push(v);
    }

    /** escape_json. */
    private void escapeJson(String s) {
        str.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\b' -> str.append("\\b");
                case '\f' -> str.append("\\f");
                case '\n' -> str.append("\\n");
                case '\r' -> str.append("\\r");
                case '\t' -> str.append("\\t");
                case '"' -> str.append("\\\"");
                case '\\' -> str.append("\\\\");
                default -> {
                    if (c < ' ') str.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else str.append(c);
                }
            }
        }
        str.append('"');
    }

    /** escape_xml. */
    private void escapeXml(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> str.append("&amp;");
                case '<' -> str.append("&lt;");
                case '>' -> str.append("&gt;");
                case '\r' -> str.append("&#x0d;");
                default -> str.append(c);
            }
        }
    }

    /** The finished output: TEXT is one row per line (do_text_output_multiline), other formats one row. */
    List<String> rows() {
        if (format != ExplainFormat.TEXT) return List.of(str.toString());
        String s = str.toString();
        if (s.endsWith("\n")) s = s.substring(0, s.length() - 1);
        return List.of(s.split("\n", -1));
    }
}
