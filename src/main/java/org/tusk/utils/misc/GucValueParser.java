package org.tusk.utils.misc;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Turns the text of a setting into a typed value, as guc.c's {@code parse_bool},
 * {@code parse_int}, {@code parse_real} and {@code parse_and_validate_value} do, raising
 * PostgreSQL's exact errors. Check hooks are applied by {@link GucSettings}, which knows the
 * process's current values.
 */
public final class GucValueParser {
    private GucValueParser() {}

    /**
     * {@code parse_bool}: on/off, true/false, yes/no, 1/0, case-insensitively, and any unique
     * prefix ("t", "of"). "o" alone is ambiguous. Returns null when the text is not a Boolean.
     */
    public static Boolean parseBool(String value) {
        int len = value.length();
        if (len == 0) {
            return null;
        }
        switch (Character.toLowerCase(value.charAt(0))) {
            case 't': return prefixOf(value, "true") ? Boolean.TRUE : null;
            case 'f': return prefixOf(value, "false") ? Boolean.FALSE : null;
            case 'y': return prefixOf(value, "yes") ? Boolean.TRUE : null;
            case 'n': return prefixOf(value, "no") ? Boolean.FALSE : null;
            case 'o':
                // 'o' alone could be on or off, so at least two characters must match.
                if (len >= 2 && prefixOf(value, "on")) {
                    return Boolean.TRUE;
                }
                if (len >= 2 && prefixOf(value, "off")) {
                    return Boolean.FALSE;
                }
                return null;
            case '1': return len == 1 ? Boolean.TRUE : null;
            case '0': return len == 1 ? Boolean.FALSE : null;
            default: return null;
        }
    }

    private static boolean prefixOf(String value, String word) {
        return value.length() <= word.length() && word.regionMatches(true, 0, value, 0, value.length());
    }

    /** The outcome of numeric parsing: a value, or failure with an optional hint. */
    record Numeric(double value, boolean ok, String hint) {
        static Numeric failed(String hint) {
            return new Numeric(0, false, hint);
        }
    }

    /**
     * {@code parse_int}: a decimal, hex or octal integer, or a real that is rounded, optionally
     * followed by a unit that is converted to the parameter's base unit.
     */
    static Numeric parseInt(String value, GucUnit unit) {
        CNumberParser.Parsed parsed = CNumberParser.strtol(value);
        // Re-parse as a real if strtol stopped at a decimal point or exponent, or overflowed.
        // When strtol found nothing its end is the start of the string, as in C.
        int stop = parsed == null ? 0 : parsed.end();
        char next = stop < value.length() ? value.charAt(stop) : '\0';
        if ((parsed != null && parsed.outOfRange()) || next == '.' || next == 'e' || next == 'E') {
            parsed = CNumberParser.strtod(value);
        }
        if (parsed == null || parsed.outOfRange() || Double.isNaN(parsed.value())) {
            return Numeric.failed(null);
        }
        Numeric withUnit = applyUnit(value, parsed, unit);
        if (!withUnit.ok()) {
            return withUnit;
        }
        double rounded = Math.rint(withUnit.value());
        if (rounded > Integer.MAX_VALUE || rounded < Integer.MIN_VALUE) {
            return Numeric.failed("Value exceeds integer range.");
        }
        return new Numeric(rounded, true, null);
    }

    /** {@code parse_real}: a floating-point number with an optional unit. */
    static Numeric parseReal(String value, GucUnit unit) {
        CNumberParser.Parsed parsed = CNumberParser.strtod(value);
        if (parsed == null || parsed.outOfRange() || Double.isNaN(parsed.value())) {
            return Numeric.failed(null);
        }
        return applyUnit(value, parsed, unit);
    }

    private static Numeric applyUnit(String value, CNumberParser.Parsed parsed, GucUnit unit) {
        int i = CNumberParser.skipSpace(value, parsed.end());
        if (i == value.length()) {
            return new Numeric(parsed.value(), true, null);
        }
        if (unit == GucUnit.NONE) {
            return Numeric.failed(null);
        }
        // A unit is at most three characters, optionally followed by white space only.
        int unitEnd = i;
        while (unitEnd < value.length() && unitEnd - i < 3 && !CNumberParser.isSpace(value.charAt(unitEnd))) {
            unitEnd++;
        }
        String unitName = value.substring(i, unitEnd);
        Double converted = CNumberParser.skipSpace(value, unitEnd) == value.length()
                ? unit.toBase(parsed.value(), unitName) : null;
        if (converted == null) {
            return Numeric.failed(unit.unitsHint());
        }
        return new Numeric(converted, true, null);
    }

    /**
     * {@code parse_and_validate_value} without the check hook: parses {@code value} for
     * {@code def}, checks the range, and raises PostgreSQL's error (naming the parameter as the
     * user spelled it, {@code name}) when the value is unacceptable.
     */
    public static Object parse(GucDefinition def, String name, String value) {
        switch (def.type()) {
            case BOOL -> {
                Boolean b = parseBool(value);
                if (b == null) {
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                            "parameter \"" + name + "\" requires a Boolean value");
                }
                return b;
            }
            case INT -> {
                Numeric n = parseInt(value, def.unit());
                if (!n.ok()) {
                    throw invalidValue(name, value, n.hint());
                }
                int v = (int) n.value();
                int min = def.min().intValue();
                int max = def.max().intValue();
                if (v < min || v > max) {
                    String unitName = def.unit().pgName();
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                            v + (unitName != null ? " " + unitName : "")
                                    + " is outside the valid range for parameter \"" + name + "\" (" + min + " .. "
                                    + max + ")");
                }
                return v;
            }
            case REAL -> {
                Numeric n = parseReal(value, def.unit());
                if (!n.ok()) {
                    throw invalidValue(name, value, n.hint());
                }
                double v = n.value();
                double min = def.min().doubleValue();
                double max = def.max().doubleValue();
                if (v < min || v > max) {
                    String unitName = def.unit().pgName();
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                            CNumberFormat.g(v) + (unitName != null ? " " + unitName : "")
                                    + " is outside the valid range for parameter \"" + name + "\" ("
                                    + CNumberFormat.g(min) + " .. " + CNumberFormat.g(max) + ")");
                }
                return v;
            }
            case ENUM -> {
                Integer code = def.enumCode(value);
                if (code == null) {
                    throw invalidValue(name, value, def.enumOptionList("Available values: ", ".", ", "));
                }
                return code;
            }
            case STRING -> {
                return value;
            }
        }
        throw new IllegalStateException("unknown type " + def.type());
    }

    /** {@code invalid value for parameter "name": "value"}, with an optional hint. */
    static PgException invalidValue(String name, String value, String hint) {
        PgException e = PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + name + "\": \"" + value + "\"");
        return hint == null ? e : e.withHint(hint);
    }
}
