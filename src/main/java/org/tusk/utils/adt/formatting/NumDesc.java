package org.tusk.utils.adt.formatting;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * NUMDesc of formatting.c: what a number picture asks for (digits before and after the decimal
 * point, sign style, fill mode, ...), filled by {@link #prepare} (NUMDesc_prepare) while the
 * picture is parsed, which also rejects contradictory pictures with PostgreSQL's messages.
 * Mutable, one per call.
 */
final class NumDesc {
    static final int F_DECIMAL = 1 << 1, F_LDECIMAL = 1 << 2, F_ZERO = 1 << 3, F_BLANK = 1 << 4, F_FILLMODE = 1 << 5,
            F_LSIGN = 1 << 6, F_BRACKET = 1 << 7, F_MINUS = 1 << 8, F_PLUS = 1 << 9, F_ROMAN = 1 << 10,
            F_MULTI = 1 << 11, F_PLUS_POST = 1 << 12, F_MINUS_POST = 1 << 13, F_EEEE = 1 << 14;
    static final int LSIGN_PRE = -1, LSIGN_POST = 1, LSIGN_NONE = 0;

    int pre, post, lsign, flag, preLsignNum, multi, zeroStart, zeroEnd;
    boolean needLocale;

    boolean is(int f) { return (flag & f) != 0; }

    private static PgException syntax(String msg) { return PgException.error(SqlState.SYNTAX_ERROR, msg); }

    /** NUMDesc_prepare: accounts for one keyword node of the picture. */
    void prepare(FormatNode n) {
        if (is(F_EEEE) && n.id() != NumKeywords.E) throw syntax("\"EEEE\" must be the last pattern used");
        switch (n.id()) {
            case NumKeywords.N9 -> {
                if (is(F_BRACKET)) throw syntax("\"9\" must be ahead of \"PR\"");
                if (is(F_MULTI)) {
                    multi++;
                    break;
                }
                if (is(F_DECIMAL)) post++;
                else pre++;
            }
            case NumKeywords.N0 -> {
                if (is(F_BRACKET)) throw syntax("\"0\" must be ahead of \"PR\"");
                if (!is(F_ZERO) && !is(F_DECIMAL)) {
                    flag |= F_ZERO;
                    zeroStart = pre + 1;
                }
                if (!is(F_DECIMAL)) pre++;
                else post++;
                zeroEnd = pre + post;
            }
            case NumKeywords.B -> {
                if (pre == 0 && post == 0 && !is(F_ZERO)) flag |= F_BLANK;
            }
            case NumKeywords.D, NumKeywords.DEC -> {
                if (n.id() == NumKeywords.D) {
                    flag |= F_LDECIMAL;
                    needLocale = true;
                }
                if (is(F_DECIMAL)) throw syntax("multiple decimal points");
                if (is(F_MULTI)) throw syntax("cannot use \"V\" and decimal point together");
                flag |= F_DECIMAL;
            }
            case NumKeywords.FM -> flag |= F_FILLMODE;
            case NumKeywords.S -> {
                if (is(F_LSIGN)) throw syntax("cannot use \"S\" twice");
                if (is(F_PLUS) || is(F_MINUS) || is(F_BRACKET))
                    throw syntax("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
                if (!is(F_DECIMAL)) {
                    lsign = LSIGN_PRE;
                    preLsignNum = pre;
                    needLocale = true;
                    flag |= F_LSIGN;
                } else if (lsign == LSIGN_NONE) {
                    lsign = LSIGN_POST;
                    needLocale = true;
                    flag |= F_LSIGN;
                }
            }
            case NumKeywords.MI -> {
                if (is(F_LSIGN)) throw syntax("cannot use \"S\" and \"MI\" together");
                flag |= F_MINUS;
                if (is(F_DECIMAL)) flag |= F_MINUS_POST;
            }
            case NumKeywords.PL -> {
                if (is(F_LSIGN)) throw syntax("cannot use \"S\" and \"PL\" together");
                flag |= F_PLUS;
                if (is(F_DECIMAL)) flag |= F_PLUS_POST;
            }
            case NumKeywords.SG -> {
                if (is(F_LSIGN)) throw syntax("cannot use \"S\" and \"SG\" together");
                flag |= F_MINUS | F_PLUS;
            }
            case NumKeywords.PR -> {
                if (is(F_LSIGN) || is(F_PLUS) || is(F_MINUS))
                    throw syntax("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together");
                flag |= F_BRACKET;
            }
            case NumKeywords.RN, NumKeywords.rn -> flag |= F_ROMAN;
            case NumKeywords.L, NumKeywords.G -> needLocale = true;
            case NumKeywords.V -> {
                if (is(F_DECIMAL)) throw syntax("cannot use \"V\" and decimal point together");
                flag |= F_MULTI;
            }
            case NumKeywords.E -> {
                if (is(F_EEEE)) throw syntax("cannot use \"EEEE\" twice");
                if (is(F_BLANK) || is(F_FILLMODE) || is(F_LSIGN) || is(F_BRACKET) || is(F_MINUS) || is(F_PLUS)
                        || is(F_ROMAN) || is(F_MULTI))
                    throw syntax("\"EEEE\" is incompatible with other formats")
                            .withDetail("\"EEEE\" may only be used together with digit and decimal point patterns.");
                flag |= F_EEEE;
            }
            default -> { }
        }
    }
}
