package org.tusk.tsearch;

import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.error.PgException;

/**
 * deserialize_deflist (tsearchcmds.c): a "name = value, name = value" option string as
 * ts_headline takes it. Names may be double-quoted; values bare words, 'single-quoted' (also
 * E'...'), or "double-quoted", a doubled quote standing for itself.
 */
public final class DefList {
    private DefList() {}

    /** A DefElem: option name and its string value. */
    public record Option(String name, String value) {}

    private enum State { WAITKEY, INKEY, INQKEY, WAITEQ, WAITVALUE, INSQVALUE, INDQVALUE, INWVALUE }

    /** Parses {@code in}; 42601 "invalid parameter list format" when it is malformed. */
    public static List<Option> parse(String in) {
        List<Option> result = new ArrayList<>();
        State state = State.WAITKEY;
        StringBuilder key = new StringBuilder(), value = new StringBuilder();
        int n = in.length();
        for (int i = 0; i < n; i++) {
            char c = in.charAt(i);
            switch (state) {
                case WAITKEY -> {
                    if (isSpace(c) || c == ',') continue;
                    key.setLength(0);
                    if (c == '"') state = State.INQKEY;
                    else {
                        key.append(c);
                        state = State.INKEY;
                    }
                }
                case INKEY -> {
                    if (isSpace(c)) state = State.WAITEQ;
                    else if (c == '=') state = State.WAITVALUE;
                    else key.append(c);
                }
                case INQKEY -> {
                    if (c == '"') {
                        if (i + 1 < n && in.charAt(i + 1) == '"') key.append(in.charAt(i++));
                        else state = State.WAITEQ;
                    } else key.append(c);
                }
                case WAITEQ -> {
                    if (c == '=') state = State.WAITVALUE;
                    else if (!isSpace(c)) throw invalid(in);
                }
                case WAITVALUE -> {
                    value.setLength(0);
                    if (c == '\'') state = State.INSQVALUE;
                    else if (c == 'E' && i + 1 < n && in.charAt(i + 1) == '\'') {
                        i++;
                        state = State.INSQVALUE;
                    } else if (c == '"') state = State.INDQVALUE;
                    else if (!isSpace(c)) {
                        value.append(c);
                        state = State.INWVALUE;
                    }
                }
                case INSQVALUE -> {
                    if (c == '\'') {
                        if (i + 1 < n && in.charAt(i + 1) == '\'') value.append(in.charAt(i++));
                        else {
                            result.add(new Option(key.toString(), value.toString()));
                            state = State.WAITKEY;
                        }
                    } else if (c == '\\') {
                        // a doubled backslash stands for one; a single one is kept
                        if (i + 1 < n && in.charAt(i + 1) == '\\') i++;
                        value.append(c);
                    } else value.append(c);
                }
                case INDQVALUE -> {
                    if (c == '"') {
                        if (i + 1 < n && in.charAt(i + 1) == '"') value.append(in.charAt(i++));
                        else {
                            result.add(new Option(key.toString(), value.toString()));
                            state = State.WAITKEY;
                        }
                    } else value.append(c);
                }
                case INWVALUE -> {
                    if (c == ',' || isSpace(c)) {
                        result.add(new Option(key.toString(), value.toString()));
                        state = State.WAITKEY;
                    } else value.append(c);
                }
            }
        }
        if (state == State.INWVALUE) result.add(new Option(key.toString(), value.toString()));
        else if (state != State.WAITKEY) throw invalid(in);
        return result;
    }

    /** isspace() in the C locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static PgException invalid(String in) {
        return PgException.error("42601", "invalid parameter list format: \"" + in + "\"");
    }
}
