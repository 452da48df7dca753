package org.tusk.access.nbtree;

import org.tusk.access.common.IndexTuples;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.ScanKey;
import org.tusk.access.index.ScanKey.Strategy;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A scan's conditions, preprocessed (nbtutils.c _bt_preprocess_keys, _bt_mark_scankey_required,
 * _bt_checkkeys) and the choice of where the scan starts (nbtsearch.c _bt_first's start keys).
 *
 * <p>A key is <em>required</em> in a direction when failing it means no later tuple in that
 * direction can match: keys on the leading columns up to and including the first column without
 * an = key. = keys are required both ways, &lt; and &lt;= forward, &gt; and &gt;= backward. A key with
 * a null argument makes the whole qual unsatisfiable. An IS NULL key acts as = NULL and an IS NOT
 * NULL key as a bound short of the column's nulls (so a backward scan over NULLS LAST starts at
 * the last value, which is how max() reads an index). Unlike PostgreSQL, redundant keys on one
 * column are not merged (the tightest bound is still chosen as the start, and all are checked).
 *
 * <p>On a DESC column the key's strategy is commuted (_bt_fix_scankey_strategy), so that
 * "required", the choice of start key and the start position all reason in index order; the
 * tuple is still tested with the operator as written. Where a column's nulls are (first or last)
 * decides which direction a null ends the scan in.
 */
final class BTScanKeys {
    private static final int REQ_FWD = 1;
    private static final int REQ_BKWD = 2;

    private final TupleDesc desc;
    private final List<ScanKey> keys;
    private final Strategy[] indexStrategy;   // per key: its strategy in index order (commuted on DESC)
    private final short[] options;
    private final int[] required;
    private final int maxAttno;
    final boolean qualOk;

    BTScanKeys(TupleDesc desc, short[] options, List<ScanKey> input) {
        this.desc = desc;
        this.options = options;
        List<ScanKey> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparingInt(ScanKey::attno));
        boolean ok = true;
        int max = 0;
        for (ScanKey k : sorted) {
            if (k.attno() < 1 || k.attno() > desc.natts()) throw new IllegalArgumentException("scan key on attribute " + k.attno());
            if (k.argument() == null && !k.isNullSearch()) ok = false;
            max = Math.max(max, k.attno());
        }
        this.keys = sorted;
        this.maxAttno = max;
        this.qualOk = ok;
        this.indexStrategy = new Strategy[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            ScanKey k = sorted.get(i);
            indexStrategy[i] = k.isNullSearch() ? nullSearchStrategy(k) : desc(k.attno()) ? commute(k.strategy()) : k.strategy();
        }
        this.required = new int[sorted.size()];
        int attr = 1;
        while (true) {
            boolean any = false, eq = false;
            for (int i = 0; i < sorted.size(); i++) {
                ScanKey k = sorted.get(i);
                if (k.attno() != attr) continue;
                any = true;
                required[i] = switch (indexStrategy[i]) {
                    case EQUAL -> REQ_FWD | REQ_BKWD;
                    case LESS, LESS_EQUAL -> REQ_FWD;
                    case GREATER, GREATER_EQUAL -> REQ_BKWD;
                };
                if (indexStrategy[i] == Strategy.EQUAL) eq = true;
            }
            if (!any || !eq) break;
            attr++;
        }
    }

    /**
     * _bt_fix_scankey_strategy for a null test, in index order: IS NULL is = NULL; IS NOT NULL
     * is a bound on the side of the column's nulls (&lt; NULL where they are last, &gt; NULL where
     * they are first), NULL sorting past every value there.
     */
    private Strategy nullSearchStrategy(ScanKey k) {
        if (k.nullSearch() == ScanKey.NullSearch.IS_NULL) return Strategy.EQUAL;
        return nullsFirst(k.attno()) ? Strategy.GREATER : Strategy.LESS;
    }

    /** BTCommuteStrategyNumber. */
    static Strategy commute(Strategy s) {
        return switch (s) {
            case LESS -> Strategy.GREATER;
            case LESS_EQUAL -> Strategy.GREATER_EQUAL;
            case EQUAL -> Strategy.EQUAL;
            case GREATER_EQUAL -> Strategy.LESS_EQUAL;
            case GREATER -> Strategy.LESS;
        };
    }

    private boolean desc(int attno) {
        return (BTScanInsert.option(options, attno - 1) & org.tusk.utils.cache.Relation.IndexInfo.INDOPTION_DESC) != 0;
    }

    private boolean nullsFirst(int attno) {
        return (BTScanInsert.option(options, attno - 1) & org.tusk.utils.cache.Relation.IndexInfo.INDOPTION_NULLS_FIRST) != 0;
    }

    /** Where a scan starts: the insertion key, and _bt_first's nextkey/goback; null keys: from an end. */
    record Start(Object[] keys, boolean nextkey, boolean goback) {}

    /**
     * _bt_first's choice of start keys: per leading column, an = key or the tightest bound in the
     * scan's direction; continuing to the next column only after = or an inclusive bound. With no
     * bound on a column but one on the other side, a scan that would meet the column's nulls
     * first (backward over NULLS LAST, forward over NULLS FIRST) starts past them, as
     * PostgreSQL's "implies NOT NULL" start key does. Strategies are in index order.
     */
    Start start(boolean backward) {
        List<Object> vals = new ArrayList<>();
        Strategy stratTotal = Strategy.EQUAL;
        for (int attr = 1; attr <= desc.natts(); attr++) {
            int chosen = -1;
            int impliesNN = -1;
            for (int i = 0; i < keys.size(); i++) {
                ScanKey k = keys.get(i);
                if (k.attno() != attr) continue;
                Strategy s = indexStrategy[i];
                if (s == Strategy.EQUAL) {
                    if (chosen < 0 || indexStrategy[chosen] != Strategy.EQUAL) chosen = i;
                    continue;
                }
                boolean lower = s == Strategy.GREATER || s == Strategy.GREATER_EQUAL;
                if (lower == backward) {
                    if (impliesNN < 0) impliesNN = i;
                    continue;
                }
                if (chosen >= 0 && indexStrategy[chosen] == Strategy.EQUAL) continue;
                if (chosen < 0 || tighter(attr, i, chosen, backward)) chosen = i;
            }
            if (chosen < 0 && impliesNN >= 0 && (nullsFirst(attr) ? !backward : backward)) {
                vals.add(null);
                stratTotal = nullsFirst(attr) ? Strategy.GREATER : Strategy.LESS;
                break;
            }
            if (chosen < 0) break;
            vals.add(keys.get(chosen).argument());
            Strategy s = indexStrategy[chosen];
            if (s != Strategy.EQUAL) {
                stratTotal = s;
                if (s == Strategy.GREATER || s == Strategy.LESS) break;
            }
        }
        if (vals.isEmpty()) return new Start(null, false, false);
        boolean nextkey, goback;
        switch (stratTotal) {
            case LESS -> { nextkey = false; goback = true; }
            case LESS_EQUAL -> { nextkey = true; goback = true; }
            case EQUAL -> { nextkey = backward; goback = backward; }
            case GREATER_EQUAL -> { nextkey = false; goback = false; }
            default -> { nextkey = true; goback = false; }
        }
        return new Start(vals.toArray(), nextkey, goback);
    }

    /**
     * Whether bound {@code a} starts the scan later than {@code b} (a higher lower bound, a lower
     * upper bound, in index order).
     */
    private boolean tighter(int attr, int a, int b, boolean backward) {
        // IS NOT NULL bounds only at the nulls: any value on the same side is tighter
        // (_bt_compare_scankey_args' NULL handling, which drops it as redundant)
        if (keys.get(a).isNullSearch() != keys.get(b).isNullSearch()) return !keys.get(a).isNullSearch();
        if (keys.get(a).isNullSearch()) return false;
        int c = BTOrdering.compare(desc.attr(attr - 1).type(), keys.get(a).argument(), keys.get(b).argument());
        if (desc(attr)) c = -c;
        if (c == 0) return indexStrategy[a] == Strategy.GREATER || indexStrategy[a] == Strategy.LESS;
        return backward ? c < 0 : c > 0;
    }

    /** The outcome of _bt_checkkeys: whether the tuple matches, and whether the scan may go on. */
    record Check(boolean matches, boolean continueScan) {}

    static final Check MATCH = new Check(true, true);
    static final Check SKIP = new Check(false, true);
    static final Check STOP = new Check(false, false);

    /** _bt_checkkeys for a non-pivot tuple read in direction {@code backward}. */
    Check check(MemorySegment itup, boolean backward) {
        if (keys.isEmpty()) return MATCH;
        Object[] values = IndexTuples.deform(desc, maxAttno, itup);
        for (int i = 0; i < keys.size(); i++) {
            ScanKey k = keys.get(i);
            Object v = values[k.attno() - 1];
            if (k.isNullSearch()) {
                if ((v == null) == (k.nullSearch() == ScanKey.NullSearch.IS_NULL)) continue;
                // failing a required null test: no later tuple in this direction passes either
                boolean stop = (required[i] & (backward ? REQ_BKWD : REQ_FWD)) != 0;
                return stop ? STOP : SKIP;
            }
            if (v == null) {
                // Past the nulls (after every value, or before with NULLS FIRST) a required key can
                // never match again in the direction that reaches them last.
                boolean towardsNulls = nullsFirst(k.attno()) ? backward : !backward;
                return required[i] != 0 && towardsNulls ? STOP : SKIP;
            }
            int c = BTOrdering.compare(desc.attr(k.attno() - 1).type(), v, k.argument());
            boolean ok = switch (k.strategy()) {
                case LESS -> c < 0;
                case LESS_EQUAL -> c <= 0;
                case EQUAL -> c == 0;
                case GREATER_EQUAL -> c >= 0;
                case GREATER -> c > 0;
            };
            if (!ok) {
                boolean stop = (required[i] & (backward ? REQ_BKWD : REQ_FWD)) != 0;
                return stop ? STOP : SKIP;
            }
        }
        return MATCH;
    }
}
