package org.tusk.utils.adt.tsearch;

import java.util.ArrayList;
import java.util.List;

/**
 * TS_execute and TS_phrase_execute (tsvector_op.c) with checkcondition_str: three-valued
 * evaluation of a query against a tsvector. Outside phrases an operand matches when its lexeme
 * (any lexeme it prefixes, for a prefix operand) is present with a position of an allowed
 * weight; a stripped lexeme matches whatever the weight. Inside a phrase operator each operand
 * yields its positions and the operators combine them: L &lt;N&gt; R keeps the positions of R
 * that lie N + width(R) after a position of L; NOT, AND and OR carry a "negate" flag as PostgreSQL
 * does; a lexeme without positions makes the phrase a MAYBE, which the top level treats as no
 * match.
 */
public final class TsExecute {
    private TsExecute() {}

    /** TSTernaryValue. */
    public enum Ternary { NO, YES, MAYBE }

    /** ExecPhraseData: the positions an operand or phrase yields, sorted ascending. */
    public static final class PhraseData {
        public int[] pos = new int[0];
        public int npos;
        boolean negate;
        int width;
    }

    /**
     * TSExecuteCallback: whether an operand is present; when {@code data} is not null the
     * caller wants its positions there (inside a phrase operator).
     */
    @FunctionalInterface
    public interface Condition {
        Ternary check(TsQuery.Operand operand, PhraseData data);
    }

    /** ts_match_vq: vector @@ query. */
    public static boolean match(TsVector v, TsQuery q) {
        if (v.size() == 0 || q.isEmpty()) return false;
        return execute(q.root(), (o, d) -> check(v, o, d), false) != Ternary.NO;
    }

    /**
     * TS_execute: whether {@code q} holds given the operand test {@code cond}. With
     * {@code skipNot} (TS_EXEC_SKIP_NOT) a NOT is taken to be possibly true without evaluating it,
     * as the cover search of ts_rank_cd and ts_headline wants.
     */
    public static boolean execute(TsQuery q, Condition cond, boolean skipNot) {
        return !q.isEmpty() && execute(q.root(), cond, skipNot) != Ternary.NO;
    }

    static Ternary execute(TsQuery.Node n, Condition v, boolean skipNot) {
        if (n instanceof TsQuery.Operand o) return v.check(o, null);
        TsQuery.Operator op = (TsQuery.Operator) n;
        switch (op.oper()) {
            case TsQuery.OP_NOT: {
                if (skipNot) return Ternary.MAYBE;
                Ternary r = execute(op.right(), v, skipNot);
                return r == Ternary.NO ? Ternary.YES : r == Ternary.YES ? Ternary.NO : Ternary.MAYBE;
            }
            case TsQuery.OP_AND: {
                Ternary l = execute(op.left(), v, skipNot);
                if (l == Ternary.NO) return l;
                Ternary r = execute(op.right(), v, skipNot);
                if (r == Ternary.NO) return r;
                return l == Ternary.YES && r == Ternary.YES ? Ternary.YES : Ternary.MAYBE;
            }
            case TsQuery.OP_OR: {
                Ternary l = execute(op.left(), v, skipNot);
                if (l == Ternary.YES) return l;
                Ternary r = execute(op.right(), v, skipNot);
                if (r == Ternary.YES) return r;
                return l == Ternary.NO && r == Ternary.NO ? Ternary.NO : Ternary.MAYBE;
            }
            default: {
                Ternary r = phrase(n, v, null, skipNot);
                return r == Ternary.MAYBE ? Ternary.NO : r;
            }
        }
    }

    /** checkcondition_str with checkclass_str. */
    static Ternary check(TsVector v, TsQuery.Operand o, PhraseData data) {
        List<TsVector.Lexeme> found = new ArrayList<>();
        if (o.prefix()) {
            int start = v.find(o.word());
            if (start < 0) start = -start - 1;
            for (int k = start; k < v.size() && v.lexemes().get(k).word().startsWith(o.word()); k++) found.add(v.lexemes().get(k));
        } else {
            int k = v.find(o.word());
            if (k >= 0) found.add(v.lexemes().get(k));
        }
        Ternary res = Ternary.NO;
        List<Integer> positions = new ArrayList<>();
        for (TsVector.Lexeme l : found) {
            if (l.hasPositions()) {
                for (short p : l.positions()) {
                    if (o.weight() == 0 || (o.weight() & (1 << TsVector.weight(p))) != 0) {
                        positions.add(TsVector.pos(p));
                        if (res != Ternary.MAYBE) res = Ternary.YES;
                    }
                }
            } else {
                if (data != null) {
                    if (res == Ternary.NO) res = Ternary.MAYBE;
                } else {
                    res = Ternary.YES;
                }
            }
        }
        if (data != null && res == Ternary.YES) {
            int[] p = positions.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
            data.pos = p;
            data.npos = p.length;
        }
        return res;
    }

    private static final int TSPO_L_ONLY = 1, TSPO_R_ONLY = 2, TSPO_BOTH = 4;

    /** TS_phrase_output. */
    private static Ternary output(PhraseData data, PhraseData l, PhraseData r, int emit, int loff, int roff) {
        List<Integer> out = new ArrayList<>();
        int li = 0, ri = 0;
        while (li < l.npos || ri < r.npos) {
            int lpos, rpos;
            if (li < l.npos) lpos = l.pos[li] + loff;
            else {
                if ((emit & TSPO_R_ONLY) == 0) break;
                lpos = Integer.MAX_VALUE;
            }
            if (ri < r.npos) rpos = r.pos[ri] + roff;
            else {
                if ((emit & TSPO_L_ONLY) == 0) break;
                rpos = Integer.MAX_VALUE;
            }
            if (lpos < rpos) {
                if ((emit & TSPO_L_ONLY) != 0) out.add(lpos);
                li++;
            } else if (lpos == rpos) {
                if ((emit & TSPO_BOTH) != 0) out.add(rpos);
                li++;
                ri++;
            } else {
                if ((emit & TSPO_R_ONLY) != 0) out.add(rpos);
                ri++;
            }
        }
        if (data != null) {
            data.pos = out.stream().mapToInt(Integer::intValue).toArray();
            data.npos = data.pos.length;
        }
        return out.isEmpty() ? Ternary.NO : Ternary.YES;
    }

    /** TS_phrase_execute. */
    static Ternary phrase(TsQuery.Node n, Condition v, PhraseData data, boolean skipNot) {
        if (n instanceof TsQuery.Operand o) {
            PhraseData d = data == null ? new PhraseData() : data;
            return v.check(o, d);
        }
        TsQuery.Operator op = (TsQuery.Operator) n;
        if (op.oper() == TsQuery.OP_NOT) {
            PhraseData d = data == null ? new PhraseData() : data;
            if (skipNot) {
                // with TS_EXEC_SKIP_NOT a NOT matches everywhere
                d.negate = true;
                return Ternary.YES;
            }
            switch (phrase(op.right(), v, d, skipNot)) {
                case NO:
                    d.negate = true;
                    return Ternary.YES;
                case YES:
                    if (d.npos > 0) {
                        d.negate = !d.negate;
                        return Ternary.YES;
                    } else if (d.negate) {
                        d.negate = false;
                        return Ternary.NO;
                    }
                    return Ternary.NO;
                default:
                    return Ternary.MAYBE;
            }
        }
        PhraseData l = new PhraseData(), r = new PhraseData();
        if (op.oper() == TsQuery.OP_PHRASE || op.oper() == TsQuery.OP_AND) {
            Ternary lm = phrase(op.left(), v, l, skipNot);
            if (lm == Ternary.NO) return Ternary.NO;
            Ternary rm = phrase(op.right(), v, r, skipNot);
            if (rm == Ternary.NO) return Ternary.NO;
            if (lm == Ternary.MAYBE || rm == Ternary.MAYBE) return Ternary.MAYBE;
            int loff, roff;
            if (op.oper() == TsQuery.OP_PHRASE) {
                loff = op.distance() + r.width;
                roff = 0;
                if (data != null) data.width = op.distance() + l.width + r.width;
            } else {
                int maxwidth = Math.max(l.width, r.width);
                loff = maxwidth - l.width;
                roff = maxwidth - r.width;
                if (data != null) data.width = maxwidth;
            }
            if (l.negate && r.negate) {
                output(data, l, r, TSPO_BOTH | TSPO_L_ONLY | TSPO_R_ONLY, loff, roff);
                if (data != null) data.negate = true;
                return Ternary.YES;
            } else if (l.negate) {
                return output(data, l, r, TSPO_R_ONLY, loff, roff);
            } else if (r.negate) {
                return output(data, l, r, TSPO_L_ONLY, loff, roff);
            }
            return output(data, l, r, TSPO_BOTH, loff, roff);
        }
        // OP_OR
        Ternary lm = phrase(op.left(), v, l, skipNot);
        Ternary rm = phrase(op.right(), v, r, skipNot);
        if (lm == Ternary.NO && rm == Ternary.NO) return Ternary.NO;
        if (lm == Ternary.MAYBE || rm == Ternary.MAYBE) return Ternary.MAYBE;
        if (lm == Ternary.NO) l.width = 0;
        if (rm == Ternary.NO) r.width = 0;
        int maxwidth = Math.max(l.width, r.width);
        int loff = maxwidth - l.width, roff = maxwidth - r.width;
        PhraseData d = data == null ? new PhraseData() : data;
        d.width = maxwidth;
        if (l.negate && r.negate) {
            output(d, l, r, TSPO_BOTH, loff, roff);
            d.negate = true;
            return Ternary.YES;
        } else if (l.negate) {
            output(d, l, r, TSPO_L_ONLY, loff, roff);
            d.negate = true;
            return Ternary.YES;
        } else if (r.negate) {
            output(d, l, r, TSPO_R_ONLY, loff, roff);
            d.negate = true;
            return Ternary.YES;
        }
        return output(d, l, r, TSPO_BOTH | TSPO_L_ONLY | TSPO_R_ONLY, loff, roff);
    }
}
