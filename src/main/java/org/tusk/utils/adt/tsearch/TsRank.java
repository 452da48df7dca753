package org.tusk.utils.adt.tsearch;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.utils.error.PgException;

/**
 * ts_rank and ts_rank_cd (tsrank.c calc_rank and calc_rank_cd), computed in the same float and
 * double steps as PostgreSQL so that results print identically. ts_rank scores the query's
 * distinct lexemes by their positions' weights (calc_rank_or), or, under a top-level AND or
 * PHRASE, by the proximity of every pair of them (calc_rank_and); ts_rank_cd sums the covers
 * (minimal extents satisfying the query) found by Cover, each weighted by its lexemes' weights
 * and penalised by the noise words inside. Both then apply the normalization bit mask.
 */
public final class TsRank {
    private TsRank() {}

    /** The default weights of D, C, B, A. */
    private static final float[] WEIGHTS = {0.1f, 0.2f, 0.4f, 1.0f};

    public static final int RANK_NORM_LOGLENGTH = 0x01, RANK_NORM_LENGTH = 0x02, RANK_NORM_EXTDIST = 0x04,
            RANK_NORM_UNIQ = 0x08, RANK_NORM_LOGUNIQ = 0x10, RANK_NORM_RDIVRPLUS1 = 0x20;

    private static final int MAXENTRYPOS = TsVector.MAXENTRYPOS;

    /**
     * getWeights: the weights array given to ts_rank (null elements and a wrong shape refused),
     * negative entries replaced by the defaults; null stands for the defaults.
     */
    public static float[] weights(List<Object> array, int ndim) {
        if (array == null) return WEIGHTS.clone();
        if (ndim != 1) throw PgException.error("2202E", "array of weight must be one-dimensional");
        if (array.size() < WEIGHTS.length) throw PgException.error("2202E", "array of weight is too short");
        if (array.stream().anyMatch(java.util.Objects::isNull)) throw PgException.error("22004", "array of weight must not contain nulls");
        float[] ws = new float[WEIGHTS.length];
        for (int i = 0; i < ws.length; i++) {
            float f = ((Number) array.get(i)).floatValue();
            ws[i] = f >= 0 ? f : WEIGHTS[i];
            if (ws[i] > 1.0) throw PgException.error("22023", "weight out of range");
        }
        return ws;
    }

    private static float wpos(float[] w, short wep) { return w[TsVector.weight(wep)]; }

    /** word_distance: the weight of two lexemes {@code d} positions apart. */
    private static float wordDistance(int d) {
        if (d > 100) return 1e-30f;
        return (float) (1.0 / (1.005 + 0.05 * Math.exp(((float) d) / 1.5 - 2)));
    }

    /** cnt_length: the number of positions, a lexeme without any counting once. */
    private static int cntLength(TsVector t) {
        int len = 0;
        for (TsVector.Lexeme l : t.lexemes()) len += l.hasPositions() ? l.positions().length : 1;
        return len;
    }

    /** The operands of a query in QueryItem order (prefix order, right operand first). */
    static List<TsQuery.Operand> operands(TsQuery q) {
        List<TsQuery.Operand> out = new ArrayList<>();
        if (q.root() != null) collect(q.root(), out);
        return out;
    }

    private static void collect(TsQuery.Node n, List<TsQuery.Operand> out) {
        if (n instanceof TsQuery.Operand o) out.add(o);
        else if (n instanceof TsQuery.Operator op) {
            collect(op.right(), out);
            if (op.left() != null) collect(op.left(), out);
        }
    }

    /** SortAndUniqItems: the operands sorted by lexeme, one per distinct lexeme. */
    private static List<TsQuery.Operand> sortAndUniq(TsQuery q) {
        List<TsQuery.Operand> ops = operands(q);
        ops.sort((a, b) -> TsVector.compareLexemes(a.word(), b.word()));
        List<TsQuery.Operand> out = new ArrayList<>();
        for (TsQuery.Operand o : ops) {
            if (out.isEmpty() || TsVector.compareLexemes(out.get(out.size() - 1).word(), o.word()) != 0) out.add(o);
        }
        return out;
    }

    /** find_wordentry: the indexes of the lexemes the operand matches (several for a prefix). */
    static List<Integer> findEntries(TsVector t, TsQuery.Operand o) {
        List<Integer> res = new ArrayList<>();
        int k = t.find(o.word());
        if (!o.prefix()) {
            if (k >= 0) res.add(k);
            return res;
        }
        if (k < 0) k = -k - 1;
        while (k < t.size() && t.lexemes().get(k).word().startsWith(o.word())) res.add(k++);
        return res;
    }

    private static short[] positionsOrNull(TsVector.Lexeme l, short posnull) {
        return l.hasPositions() ? l.positions() : new short[] {posnull};
    }

    /** calc_rank_and: proximity of every pair of distinct query lexemes. */
    private static float rankAnd(float[] w, TsVector t, TsQuery q) {
        List<TsQuery.Operand> items = sortAndUniq(q);
        if (items.size() < 2) return rankOr(w, t, q);
        short[][] pos = new short[items.size()][];
        boolean[] isNull = new boolean[items.size()];
        float res = -1.0f;
        for (int i = 0; i < items.size(); i++) {
            for (int e : findEntries(t, items.get(i))) {
                TsVector.Lexeme lex = t.lexemes().get(e);
                isNull[i] = !lex.hasPositions();
                pos[i] = positionsOrNull(lex, (short) (MAXENTRYPOS - 1));
                short[] post = pos[i];
                for (int k = 0; k < i; k++) {
                    if (pos[k] == null) continue;
                    short[] ct = pos[k];
                    for (short pl : post) {
                        for (short pp : ct) {
                            int dist = Math.abs(TsVector.pos(pl) - TsVector.pos(pp));
                            if (dist != 0 || isNull[i] || isNull[k]) {
                                if (dist == 0) dist = MAXENTRYPOS;
                                float curw = (float) Math.sqrt(wpos(w, pl) * wpos(w, pp) * wordDistance(dist));
                                res = res < 0 ? curw : (float) (1.0 - (1.0 - res) * (1.0 - curw));
                            }
                        }
                    }
                }
            }
        }
        return res;
    }

    /** calc_rank_or: each distinct lexeme's weights, the heaviest counting fully, the others less. */
    private static float rankOr(float[] w, TsVector t, TsQuery q) {
        List<TsQuery.Operand> items = sortAndUniq(q);
        float res = 0.0f;
        for (TsQuery.Operand item : items) {
            for (int e : findEntries(t, item)) {
                short[] post = positionsOrNull(t.lexemes().get(e), (short) 0);
                float resj = 0.0f, wjm = -1.0f;
                int jm = 0;
                for (int j = 0; j < post.length; j++) {
                    resj = resj + wpos(w, post[j]) / ((j + 1) * (j + 1));
                    if (wpos(w, post[j]) > wjm) {
                        wjm = wpos(w, post[j]);
                        jm = j;
                    }
                }
                res = (float) (res + (wjm + resj - wjm / ((jm + 1) * (jm + 1))) / 1.64493406685);
            }
        }
        if (!items.isEmpty()) res = res / items.size();
        return res;
    }

    /** calc_rank: ts_rank([weights,] vector, query [, normalization]). */
    public static float rank(float[] w, TsVector t, TsQuery q, int method) {
        if (t.size() == 0 || q.isEmpty()) return 0.0f;
        boolean and = q.root() instanceof TsQuery.Operator op
                && (op.oper() == TsQuery.OP_AND || op.oper() == TsQuery.OP_PHRASE);
        float res = and ? rankAnd(w, t, q) : rankOr(w, t, q);
        if (res < 0) res = 1e-20f;
        if ((method & RANK_NORM_LOGLENGTH) != 0) res = (float) (res / (Math.log(cntLength(t) + 1) / Math.log(2.0)));
        if ((method & RANK_NORM_LENGTH) != 0) {
            int len = cntLength(t);
            if (len > 0) res /= (float) len;
        }
        if ((method & RANK_NORM_UNIQ) != 0) res /= (float) t.size();
        if ((method & RANK_NORM_LOGUNIQ) != 0) res = (float) (res / (Math.log(t.size() + 1) / Math.log(2.0)));
        if ((method & RANK_NORM_RDIVRPLUS1) != 0) res /= (res + 1);
        return res;
    }

    /** calc_rank_cd: ts_rank_cd([weights,] vector, query [, normalization]). */
    public static float rankCd(float[] w, TsVector t, TsQuery q, int method) {
        double[] invws = new double[w.length];
        for (int i = 0; i < w.length; i++) invws[i] = 1.0 / w[i];
        CoverDensity.Doc[] doc = CoverDensity.docRep(t, q);
        if (doc == null) return 0.0f;
        double wdoc = 0.0, sumDist = 0.0, prevExtPos = 0.0;
        int nExtent = 0;
        CoverDensity cover = new CoverDensity(doc, q);
        while (cover.next()) {
            double invSum = 0.0;
            for (int i = cover.begin; i <= cover.end; i++) invSum += invws[TsVector.weight(doc[i].pos())];
            double cpos = ((double) (cover.end - cover.begin + 1)) / invSum;
            // positions saturate at 16383 in a big document, so q - p may undercount the noise
            int nNoise = (cover.q - cover.p) - (cover.end - cover.begin);
            if (nNoise < 0) nNoise = (cover.end - cover.begin) / 2;
            wdoc += cpos / ((double) (1 + nNoise));
            double curExtPos = ((double) (cover.q + cover.p)) / 2.0;
            if (nExtent > 0 && curExtPos > prevExtPos) sumDist += 1.0 / (curExtPos - prevExtPos);
            prevExtPos = curExtPos;
            nExtent++;
        }
        if ((method & RANK_NORM_LOGLENGTH) != 0 && t.size() > 0) wdoc /= Math.log(cntLength(t) + 1);
        if ((method & RANK_NORM_LENGTH) != 0) {
            int len = cntLength(t);
            if (len > 0) wdoc /= len;
        }
        if ((method & RANK_NORM_EXTDIST) != 0 && nExtent > 0 && sumDist > 0) wdoc /= ((double) nExtent) / sumDist;
        if ((method & RANK_NORM_UNIQ) != 0 && t.size() > 0) wdoc /= t.size();
        if ((method & RANK_NORM_LOGUNIQ) != 0 && t.size() > 0) wdoc /= Math.log(t.size() + 1) / Math.log(2.0);
        if ((method & RANK_NORM_RDIVRPLUS1) != 0) wdoc /= (wdoc + 1);
        return (float) wdoc;
    }

    /**
     * get_docrep and Cover: the document as the ordered positions of query lexemes, each with the
     * query operands it satisfies, and the search for successive covers in it.
     */
    static final class CoverDensity {
        /** DocRepresentation: a position (with weight) and the operands found there. */
        record Doc(short pos, int entry, List<TsQuery.Operand> items) {}

        private final Doc[] doc;
        private final TsQuery query;
        private final Map<TsQuery.Operand, OperandData> data = new IdentityHashMap<>();
        int pos, p, q, begin, end;

        /** QueryRepresentationOperand: whether the operand was seen, and where. */
        private static final class OperandData {
            boolean exists;
            final java.util.ArrayDeque<Integer> positions = new java.util.ArrayDeque<>();
        }

        CoverDensity(Doc[] doc, TsQuery query) {
            this.doc = doc;
            this.query = query;
            for (TsQuery.Operand o : operands(query)) data.put(o, new OperandData());
        }

        static Doc[] docRep(TsVector t, TsQuery query) {
            List<Doc> raw = new ArrayList<>();
            for (TsQuery.Operand o : operands(query)) {
                for (int e : findEntries(t, o)) {
                    TsVector.Lexeme lex = t.lexemes().get(e);
                    // words without positions take no part in covers
                    for (short p : lex.positions()) {
                        if (o.weight() == 0 || (o.weight() & (1 << TsVector.weight(p))) != 0) {
                            raw.add(new Doc(p, e, List.of(o)));
                        }
                    }
                }
            }
            if (raw.isEmpty()) return null;
            // compareDocR: by position, then weight, then lexeme; a stable sort keeps item order
            raw.sort((a, b) -> {
                if (TsVector.pos(a.pos()) != TsVector.pos(b.pos())) return Integer.compare(TsVector.pos(a.pos()), TsVector.pos(b.pos()));
                if (TsVector.weight(a.pos()) != TsVector.weight(b.pos()))
                    return Integer.compare(TsVector.weight(a.pos()), TsVector.weight(b.pos()));
                return Integer.compare(a.entry(), b.entry());
            });
            List<Doc> joined = new ArrayList<>();
            Doc cur = raw.get(0);
            List<TsQuery.Operand> items = new ArrayList<>(cur.items());
            for (int i = 1; i < raw.size(); i++) {
                Doc r = raw.get(i);
                if (r.pos() == raw.get(i - 1).pos() && r.entry() == raw.get(i - 1).entry()) {
                    items.addAll(r.items());
                } else {
                    joined.add(new Doc(cur.pos(), cur.entry(), items));
                    cur = r;
                    items = new ArrayList<>(r.items());
                }
            }
            joined.add(new Doc(cur.pos(), cur.entry(), items));
            return joined.toArray(Doc[]::new);
        }

        private void reset() {
            for (OperandData d : data.values()) {
                d.exists = false;
                d.positions.clear();
            }
        }

        /** fillQueryRepresentationData: marks the operands at {@code d}, adding its position once. */
        private void fill(Doc d, boolean reverse) {
            for (TsQuery.Operand o : d.items()) {
                OperandData od = data.get(o);
                od.exists = true;
                int p = TsVector.pos(d.pos());
                Integer last = reverse ? od.positions.peekFirst() : od.positions.peekLast();
                if (last == null || last != p) {
                    if (reverse) od.positions.addFirst(p);
                    else od.positions.addLast(p);
                }
            }
        }

        private TsExecute.Ternary check(TsQuery.Operand o, TsExecute.PhraseData pd) {
            OperandData od = data.get(o);
            if (od == null || !od.exists) return TsExecute.Ternary.NO;
            if (pd != null) {
                pd.pos = od.positions.stream().mapToInt(Integer::intValue).toArray();
                pd.npos = pd.pos.length;
            }
            return TsExecute.Ternary.YES;
        }

        /** Cover: finds the next cover from {@code pos} on; false when there is none. */
        boolean next() {
            while (true) {
                int lastpos = pos;
                boolean found = false;
                reset();
                p = Integer.MAX_VALUE;
                q = 0;
                // upper bound: move right until the query holds (NOT is not evaluated)
                for (int i = pos; i < doc.length; i++) {
                    fill(doc[i], false);
                    if (TsExecute.execute(query, this::check, true)) {
                        if (TsVector.pos(doc[i].pos()) > q) {
                            q = TsVector.pos(doc[i].pos());
                            end = i;
                            lastpos = i;
                            found = true;
                        }
                        break;
                    }
                }
                if (!found) return false;
                reset();
                // lower bound: from there move left until the query holds, NOT evaluated
                int i = lastpos;
                for (; i >= pos; i--) {
                    fill(doc[i], true);
                    if (TsExecute.execute(query, this::check, false)) {
                        if (TsVector.pos(doc[i].pos()) < p) {
                            begin = i;
                            p = TsVector.pos(doc[i].pos());
                        }
                        break;
                    }
                }
                if (p <= q) {
                    // the next try starts after the beginning of this cover
                    pos = i + 1;
                    return true;
                }
                pos++;
            }
        }
    }
}
