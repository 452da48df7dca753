package org.tusk.utils.adt.formatting;

import static org.tusk.utils.adt.formatting.NumDesc.*;

import java.util.List;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * NUM_processor of formatting.c, both directions: to_char writes the digit string {@code number}
 * (no sign; '#'s on overflow; a Roman numeral for RN) into the picture, to_number reads the input
 * through the picture into a number string. The C code walks NUL-terminated buffers with
 * pointers; here {@code number} is a char array with a trailing NUL and the positions are
 * indexes, so every test of "*p" keeps its meaning. Locale-dependent symbols are the C locale's
 * (PostgreSQL's defaults when lc_numeric is C): '.', ',', '-', '+' and a blank currency symbol.
 */
final class NumProcessor {
    private static final String NEG = "-", POS = "+", DECIMAL = ".", THOUSANDS = ",", CURRENCY = " ";

    private final NumDesc num;
    private final boolean toChar;
    private char sign;
    private boolean signWrote, numIn, readDec;
    private int numCount, numCurr, outPreSpaces, readPost, readPre;
    private char[] number;
    private int numberP;
    private int lastRelevant = -1;
    // to_char output / to_number input
    private final StringBuilder out = new StringBuilder();
    private String in;
    private int inP;

    private NumProcessor(NumDesc num, boolean toChar) {
        this.num = num;
        this.toChar = toChar;
    }

    static String toChar(List<FormatNode> nodes, NumDesc num, String number, int outPreSpaces, char sign) {
        NumProcessor np = new NumProcessor(num, true);
        np.number = (number + "\0").toCharArray();
        return np.run(nodes, outPreSpaces, sign);
    }

    /** The number string to_number read (a sign or blank first), and num.post set to the digits read after the point. */
    static String fromChar(List<FormatNode> nodes, NumDesc num, String input) {
        NumProcessor np = new NumProcessor(num, false);
        np.in = input;
        np.number = new char[input.length() * 8 + 2];
        return np.run(nodes, 0, '\0');
    }

    private boolean overload() { return inP >= in.length(); }

    private boolean amount(int s) { return inP <= in.length() - s; }

    private char inChar(int i) { return i < in.length() ? in.charAt(i) : '\0'; }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private String run(List<FormatNode> nodes, int toCharOutPreSpaces, char givenSign) {
        if (num.zeroStart != 0) --num.zeroStart;
        if (num.is(F_EEEE)) {
            if (!toChar) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "\"EEEE\" not supported for input");
            return new String(number, 0, strlen(number, 0));
        }
        if (num.is(F_ROMAN)) {
            if (!toChar) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "\"RN\" not supported for input");
            num.lsign = num.preLsignNum = num.post = num.pre = 0;
            toCharOutPreSpaces = 0;
            givenSign = '\0';
            num.flag = (num.is(F_FILLMODE) ? F_FILLMODE : 0) | F_ROMAN;
        }
        if (toChar) {
            sign = givenSign;
            if (num.is(F_PLUS) || num.is(F_MINUS)) {
                signWrote = !(num.is(F_PLUS) && !num.is(F_MINUS));
            } else {
                if (sign != '-' && num.is(F_FILLMODE)) num.flag &= ~F_BRACKET;
                signWrote = sign == '+' && num.is(F_FILLMODE) && !num.is(F_LSIGN);
                if (num.lsign == LSIGN_PRE && num.pre == num.preLsignNum) num.lsign = LSIGN_POST;
            }
        } else {
            sign = '\0';
        }
        numCount = num.post + num.pre - 1;
        if (toChar) {
            outPreSpaces = toCharOutPreSpaces;
            if (num.is(F_FILLMODE) && num.is(F_DECIMAL)) {
                lastRelevant = lastRelevantDecnum();
                if (lastRelevant >= 0 && num.zeroEnd > outPreSpaces) {
                    int lastZero = Math.min(strlen(number, 0) - 1, num.zeroEnd - outPreSpaces);
                    if (lastRelevant < lastZero) lastRelevant = lastZero;
                }
            }
            if (!signWrote && outPreSpaces == 0) ++numCount;
        } else {
            outPreSpaces = 0;
            number[0] = ' ';
            number[1] = '\0';
        }
        numIn = false;
        numCurr = 0;
        numberP = toChar ? 0 : 1;

        for (FormatNode n : nodes) {
            if (!toChar && overload()) break;
            if (n.type() != FormatNode.Type.ACTION) {
                if (toChar) out.append(n.character());
                else inP += Character.charCount(in.codePointAt(inP));
                continue;
            }
            if (!action(n.id())) continue;
            if (!toChar) inP++;
        }
        if (toChar) {
            int nul = out.indexOf("\0");
            return nul >= 0 ? out.substring(0, nul) : out.toString();
        }
        if (number[numberP - 1] == '.') number[numberP - 1] = '\0';
        else number[numberP] = '\0';
        num.post = readPost;
        return new String(number, 0, strlen(number, 0));
    }

    /** One keyword; false where the C code says "continue" (to_number then does not step past an input character). */
    private boolean action(int id) {
        boolean fill = num.is(F_FILLMODE);
        switch (id) {
            case NumKeywords.N9, NumKeywords.N0, NumKeywords.DEC, NumKeywords.D -> {
                if (toChar) {
                    numpartToChar(id);
                    return false;
                }
                numpartFromChar(id);
                return true;
            }
            case NumKeywords.COMMA -> {
                if (toChar) {
                    if (!numIn) {
                        if (fill) return false;
                        out.append(' ');
                    } else out.append(',');
                    return true;
                }
                if (!numIn && fill) return false;
                return inChar(inP) == ',';
            }
            case NumKeywords.G -> {
                if (toChar) {
                    if (!numIn) {
                        if (fill) return false;
                        out.append(" ".repeat(THOUSANDS.length()));
                    } else out.append(THOUSANDS);
                    return true;
                }
                if (!numIn && fill) return false;
                if (amount(THOUSANDS.length()) && in.startsWith(THOUSANDS, inP)) {
                    inP += THOUSANDS.length() - 1;
                    return true;
                }
                return false;
            }
            case NumKeywords.L -> {
                if (toChar) {
                    out.append(CURRENCY);
                    return true;
                }
                eatNonDataChars(CURRENCY.length());
                return false;
            }
            case NumKeywords.RN, NumKeywords.rn -> {
                String r = new String(number, numberP, strlen(number, numberP));
                if (id == NumKeywords.rn) r = r.toLowerCase(java.util.Locale.ROOT);
                out.append(fill ? r : String.format("%15s", r));
                return true;
            }
            case NumKeywords.TH, NumKeywords.th -> {
                if (num.is(F_ROMAN) || number[0] == '#' || sign == '-' || num.is(F_DECIMAL)) return false;
                if (toChar) {
                    out.append(getTh(new String(number, 0, strlen(number, 0)), id == NumKeywords.TH));
                    return true;
                }
                eatNonDataChars(2);
                return false;
            }
            case NumKeywords.MI -> {
                if (toChar) {
                    if (sign == '-') out.append('-');
                    else if (fill) return false;
                    else out.append(' ');
                    return true;
                }
                if (inChar(inP) == '-') {
                    number[0] = '-';
                    return true;
                }
                eatNonDataChars(1);
                return false;
            }
            case NumKeywords.PL -> {
                if (toChar) {
                    if (sign == '+') out.append('+');
                    else if (fill) return false;
                    else out.append(' ');
                    return true;
                }
                if (inChar(inP) == '+') {
                    number[0] = '+';
                    return true;
                }
                eatNonDataChars(1);
                return false;
            }
            case NumKeywords.SG -> {
                if (toChar) {
                    out.append(sign);
                    return true;
                }
                char c = inChar(inP);
                if (c == '-' || c == '+') {
                    number[0] = c;
                    return true;
                }
                eatNonDataChars(1);
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** NUM_eat_non_data_chars: skips up to n input characters that cannot be part of the number. */
    private void eatNonDataChars(int n) {
        while (n-- > 0) {
            if (overload()) break;
            if ("0123456789.,+-".indexOf(in.charAt(inP)) >= 0) break;
            inP += Character.charCount(in.codePointAt(inP));
        }
    }

    /** get_last_relevant_decnum: the last non-zero digit after the point, or the point itself. */
    private int lastRelevantDecnum() {
        int p = -1;
        for (int i = 0; number[i] != '\0'; i++) if (number[i] == '.') { p = i; break; }
        if (p < 0) return -1;
        int result = p;
        for (int i = p + 1; number[i] != '\0'; i++) if (number[i] != '0') result = i;
        return result;
    }

    private boolean isPredecSpace() {
        return !num.is(F_ZERO) && numberP == 0 && number[0] == '0' && num.post != 0;
    }

    /** NUM_numpart_to_char: writes the sign where it belongs, then a digit, blank, zero or the point. */
    private void numpartToChar(int id) {
        if (num.is(F_ROMAN)) return;
        boolean fill = num.is(F_FILLMODE);
        numIn = false;
        if (!signWrote && (numCurr >= outPreSpaces || (num.is(F_ZERO) && num.zeroStart == numCurr))
                && (!isPredecSpace() || (lastRelevant >= 0 && number[lastRelevant] == '.'))) {
            if (num.is(F_LSIGN)) {
                if (num.lsign == LSIGN_PRE) {
                    out.append(sign == '-' ? NEG : POS);
                    signWrote = true;
                }
            } else if (num.is(F_BRACKET)) {
                out.append(sign == '+' ? ' ' : '<');
                signWrote = true;
            } else if (sign == '+') {
                if (!fill) out.append(' ');
                signWrote = true;
            } else if (sign == '-') {
                out.append('-');
                signWrote = true;
            }
        }
        if (id == NumKeywords.N9 || id == NumKeywords.N0 || id == NumKeywords.D || id == NumKeywords.DEC) {
            if (numCurr < outPreSpaces && (num.zeroStart > numCurr || !num.is(F_ZERO))) {
                if (!fill) out.append(' ');
            } else if (num.is(F_ZERO) && numCurr < outPreSpaces && num.zeroStart <= numCurr) {
                out.append('0');
                numIn = true;
            } else {
                if (number[numberP] == '.') {
                    if (lastRelevant < 0 || number[lastRelevant] != '.') out.append(DECIMAL);
                    else if (fill) out.append(DECIMAL);   // Ora 'n' -- FM9.9 --> 'n.'
                } else {
                    if (lastRelevant >= 0 && numberP > lastRelevant && id != NumKeywords.N0) {
                        // FM: digits after the last relevant one are left out
                    } else if (isPredecSpace()) {
                        if (!fill) out.append(' ');
                        else if (lastRelevant >= 0 && number[lastRelevant] == '.') out.append('0');
                    } else {
                        out.append(number[numberP]);
                        numIn = true;
                    }
                }
                if (number[numberP] != '\0') ++numberP;
            }
            int end = numCount + (outPreSpaces != 0 ? 1 : 0) + (num.is(F_DECIMAL) ? 1 : 0);
            if (lastRelevant >= 0 && lastRelevant == numberP) end = numCurr;
            if (numCurr + 1 == end) {
                if (signWrote && num.is(F_BRACKET)) out.append(sign == '+' ? ' ' : '>');
                else if (num.is(F_LSIGN) && num.lsign == LSIGN_POST) out.append(sign == '-' ? NEG : POS);
            }
        }
        ++numCurr;
    }

    /** NUM_numpart_from_char: reads a sign, a digit or the decimal point, and a trailing sign. */
    private void numpartFromChar(int id) {
        boolean isread = false;
        if (overload()) return;
        if (in.charAt(inP) == ' ') inP++;
        if (overload()) return;
        if (number[0] == ' ' && (id == NumKeywords.N0 || id == NumKeywords.N9) && readPre + readPost == 0) {
            if (num.is(F_LSIGN) && num.lsign == LSIGN_PRE) {
                if (amount(NEG.length()) && in.startsWith(NEG, inP)) {
                    inP += NEG.length();
                    number[0] = '-';
                } else if (amount(POS.length()) && in.startsWith(POS, inP)) {
                    inP += POS.length();
                    number[0] = '+';
                }
            } else {
                char c = in.charAt(inP);
                if (c == '-' || (num.is(F_BRACKET) && c == '<')) {
                    number[0] = '-';
                    inP++;
                } else if (c == '+') {
                    number[0] = '+';
                    inP++;
                }
            }
        }
        if (overload()) return;
        char c = in.charAt(inP);
        if (isDigit(c)) {
            if (readDec && readPost == num.post) return;
            number[numberP++] = c;
            if (readDec) readPost++;
            else readPre++;
            isread = true;
        } else if (num.is(F_DECIMAL) && !readDec) {
            if (amount(DECIMAL.length()) && in.startsWith(DECIMAL, inP)) {
                inP += DECIMAL.length() - 1;
                number[numberP++] = '.';
                readDec = true;
                isread = true;
            }
        }
        if (overload()) return;
        if (number[0] == ' ' && readPre + readPost > 0) {
            if (num.is(F_LSIGN) && isread && inP + 1 < in.length() && !isDigit(in.charAt(inP + 1))) {
                int tmp = inP++;
                if (amount(NEG.length()) && in.startsWith(NEG, inP)) {
                    inP += NEG.length() - 1;
                    number[0] = '-';
                } else if (amount(POS.length()) && in.startsWith(POS, inP)) {
                    inP += POS.length() - 1;
                    number[0] = '+';
                }
                if (number[0] == ' ') inP = tmp;
            } else if (!isread && !num.is(F_LSIGN) && (num.is(F_PLUS) || num.is(F_MINUS))) {
                char s = in.charAt(inP);
                if (s == '-' || s == '+') number[0] = s;
            }
        }
    }

    private static int strlen(char[] s, int from) {
        int i = from;
        while (i < s.length && s[i] != '\0') i++;
        return i - from;
    }

    /** get_th: the English ordinal suffix of a digit string; "teens" take TH. */
    static String getTh(String num, boolean upper) {
        int len = num.length();
        char last = len == 0 ? '\0' : num.charAt(len - 1);
        if (!isDigit(last))
            throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "\"" + num + "\" is not a number");
        if (len > 1 && num.charAt(len - 2) == '1') last = '0';
        String s = switch (last) {
            case '1' -> "st";
            case '2' -> "nd";
            case '3' -> "rd";
            default -> "th";
        };
        return upper ? s.toUpperCase(java.util.Locale.ROOT) : s;
    }
}
