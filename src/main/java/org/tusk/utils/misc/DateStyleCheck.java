package org.tusk.utils.misc;

import java.util.List;
import java.util.Locale;

/**
 * The DateStyle check hook ({@code check_datestyle} in PostgreSQL's commands/variable.c):
 * accepts an output style and/or a field order in any combination and stores the canonical
 * "Style, ORDER" form, so SHOW and ParameterStatus always report e.g. "German, DMY".
 */
final class DateStyleCheck implements GucCheckHook {
    private enum Style { ISO, SQL, POSTGRES, GERMAN }
    private enum Order { YMD, DMY, MDY }

    @Override
    public Object check(Object proposed, GucSettings settings) throws GucCheckException {
        // Unmentioned halves keep the current setting, as in PostgreSQL.
        String current = settings == null ? "ISO, MDY" : settings.getString("DateStyle");
        Style style = styleOf(current);
        Order order = orderOf(current);
        return canonical((String) proposed, style, order, settings, 0);
    }

    private String canonical(String text, Style style, Order order, GucSettings settings, int depth)
            throws GucCheckException {
        List<String> items = IdentifierList.split(text, ',');
        if (items == null) {
            throw GucCheckException.withDetail("List syntax is invalid.");
        }
        boolean haveStyle = false;
        boolean haveOrder = false;
        boolean ok = true;
        for (String tok : items) {
            Style newStyle = null;
            Order newOrder = null;
            switch (tok.toUpperCase(Locale.ROOT)) {
                case "ISO" -> newStyle = Style.ISO;
                case "SQL" -> newStyle = Style.SQL;
                case "POSTGRES" -> newStyle = Style.POSTGRES;
                case "GERMAN" -> newStyle = Style.GERMAN;
                case "YMD" -> newOrder = Order.YMD;
                case "DMY", "EURO", "EUROPEAN" -> newOrder = Order.DMY;
                case "MDY", "US", "NONEURO", "NONEUROPEAN" -> newOrder = Order.MDY;
                case "DEFAULT" -> {
                    // DEFAULT means the reset value, which is parsed like any other input.
                    String reset = settings == null || depth > 0 ? "ISO, MDY" : settings.resetString("DateStyle");
                    String resolved = canonical(reset, style, order, settings, depth + 1);
                    Style s = styleOf(resolved);
                    Order o = orderOf(resolved);
                    if (!haveStyle) {
                        style = s;
                    }
                    if (!haveOrder) {
                        order = o;
                    }
                    continue;
                }
                default -> throw GucCheckException.withDetail("Unrecognized key word: \"" + tok + "\".");
            }
            if (newStyle != null) {
                if (haveStyle && style != newStyle) {
                    ok = false;
                }
                style = newStyle;
                haveStyle = true;
                if (newStyle == Style.GERMAN && !haveOrder) {
                    order = Order.DMY; // German implies day-month-year unless told otherwise
                }
            } else {
                if (haveOrder && order != newOrder) {
                    ok = false;
                }
                order = newOrder;
                haveOrder = true;
            }
        }
        if (!ok) {
            throw GucCheckException.withDetail("Conflicting \"datestyle\" specifications.");
        }
        String styleName = switch (style) {
            case ISO -> "ISO";
            case SQL -> "SQL";
            case GERMAN -> "German";
            case POSTGRES -> "Postgres";
        };
        return styleName + ", " + order.name();
    }

    private static Style styleOf(String canonical) {
        return Style.valueOf(canonical.substring(0, canonical.indexOf(',')).toUpperCase(Locale.ROOT));
    }

    private static Order orderOf(String canonical) {
        return Order.valueOf(canonical.substring(canonical.indexOf(',') + 1).trim());
    }
}
