package org.tusk.parser;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.RawExpr.AConst;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * gram.y's date/time special syntax: {@code EXTRACT(field FROM expr)} becomes the function call
 * {@code extract('field', expr)} (extract_list: the field is an identifier, a date/time keyword
 * or a string constant, lower-cased as the grammar does) and {@code expr AT TIME ZONE zone}
 * becomes {@code timezone(zone, expr)}, exactly as PostgreSQL's grammar rewrites them.
 */
final class DateTimeGrammar {
    private DateTimeGrammar() {}

    /** At the EXTRACT keyword, with '(' next. */
    static RawExpr extract(Parser p) {
        int loc = p.advance().start();
        p.expectChar('(');
        Token f = p.advance();
        String field = f.kind() == Token.Kind.SCONST ? f.value() : f.value().toLowerCase(Locale.ROOT);
        p.expectKw("from");
        RawExpr arg = p.aExpr();
        p.expectChar(')');
        return new RawExpr.FuncCall(List.of("extract"),
                List.of(new AConst(AConst.Kind.STRING, field, f.start()), arg), false, false, loc);
    }

    /** After the AT keyword of {@code a_expr AT TIME ZONE a_expr}; {@code right} parses the zone operand. */
    static RawExpr atTimeZone(Parser p, RawExpr left, Supplier<RawExpr> right, int loc) {
        p.expectKw("time");
        p.expectKw("zone");
        RawExpr zone = right.get();
        return new RawExpr.FuncCall(List.of("timezone"), List.of(zone, left), false, false, loc);
    }

    // INTERVAL_MASK bits of datetime.h, as IntervalParse declares them
    private static final int MONTH = 1 << 1, YEAR = 1 << 2, DAY = 1 << 3, HOUR = 1 << 10, MINUTE = 1 << 11,
            SECOND = 1 << 12, FULL_RANGE = 0x7FFF, FULL_PRECISION = 0xFFFF;

    static boolean atIntervalQualifier(Parser p) {
        return p.isKw("year") || p.isKw("month") || p.isKw("day") || p.isKw("hour") || p.isKw("minute") || p.isKw("second");
    }

    /**
     * opt_interval after INTERVAL ['(' p ')']: the typmods gram.y builds, {@code [range]} or
     * {@code [range, precision]}; {@code leading} is the precision written before the qualifier.
     */
    static List<Integer> intervalTypmods(Parser p, List<Integer> leading) {
        int range = FULL_RANGE;
        Integer precision = leading.isEmpty() ? null : leading.get(0);
        if (atIntervalQualifier(p)) {
            String first = p.advance().value().toLowerCase(Locale.ROOT);
            int[] sec = {-1};
            range = switch (first) {
                case "year" -> YEAR;
                case "month" -> MONTH;
                case "day" -> DAY;
                case "hour" -> HOUR;
                case "minute" -> MINUTE;
                default -> { sec[0] = secondPrecision(p); yield SECOND; }
            };
            if (range != SECOND && p.acceptKw("to")) {
                String last = p.advance().value().toLowerCase(Locale.ROOT);
                int to = switch (last) {
                    case "month" -> MONTH;
                    case "hour" -> HOUR;
                    case "minute" -> MINUTE;
                    case "second" -> { sec[0] = secondPrecision(p); yield SECOND; }
                    default -> throw PgException.errorAt(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + last + "\"", -1);
                };
                range = span(range, to);
            }
            if (sec[0] >= 0) precision = sec[0];
        }
        if (precision == null) return range == FULL_RANGE ? List.of() : List.of(range);
        return List.of(range, precision);
    }

    private static int secondPrecision(Parser p) {
        if (!p.acceptChar('(')) return -1;
        int v = Integer.parseInt(p.advance().value());
        p.expectChar(')');
        return v;
    }

    /** The mask from {@code from} down to {@code to}, the combinations gram.y accepts. */
    private static int span(int from, int to) {
        if (from == YEAR && to == MONTH) return YEAR | MONTH;
        if (from == DAY && to == HOUR) return DAY | HOUR;
        if (from == DAY && to == MINUTE) return DAY | HOUR | MINUTE;
        if (from == DAY && to == SECOND) return DAY | HOUR | MINUTE | SECOND;
        if (from == HOUR && to == MINUTE) return HOUR | MINUTE;
        if (from == HOUR && to == SECOND) return HOUR | MINUTE | SECOND;
        if (from == MINUTE && to == SECOND) return MINUTE | SECOND;
        throw PgException.error(SqlState.SYNTAX_ERROR, "syntax error in interval field qualifier");
    }

    /** intervaltypmodin: the typmod of {@code interval} with gram.y's typmods list. */
    static int intervalTypmod(List<Integer> mods) {
        if (mods.isEmpty()) return -1;
        int range = mods.get(0);
        int precision = mods.size() > 1 ? mods.get(1) : FULL_PRECISION;
        if (precision != FULL_PRECISION) {
            if (precision < 0) throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "INTERVAL(" + precision + ") precision must not be negative");
            precision = Math.min(precision, 6);
        }
        return (range << 16) | (precision & 0xFFFF);
    }
}
