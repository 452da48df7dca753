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
 * a null argument makes the whole qual unsatisfiable. Unlike PostgreSQL, redundant keys on one
 * column are not merged (the tightest bound is still chosen as the start, and all are checked).
 */
final class BTScanKeys {
    private static final int REQ_FWD = 1;
    private static final int REQ_BKWD = 2;

    private final TupleDesc desc;
    private final List<ScanKey> keys;
    private final int[] required;
    private final int maxAttno;
    final boolean qualOk;

    BTScanKeys(TupleDesc desc, List<ScanKey> input) {
        this.desc = desc;
        List<ScanKey> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparingInt(ScanKey::attno));
        boolean ok = true;
        int max = 0;
        for (ScanKey k : sorted) {
            if (k.attno() < 1 || k.attno() > desc.natts()) throw new IllegalArgumentException("scan key on attribute " + k.attno());
            if (k.argument() == null) ok = false;
            max = Math.max(max, k.attno());
        }
        this.keys = sorted;
        this.maxAttno = max;
        this.qualOk = ok;
        this.required = new int[sorted.size()];
        int attr = 1;
        while (true) {
            boolean any = false, eq = false;
            for (int i = 0; i < sorted.size(); i++) {
                ScanKey k = sorted.get(i);
                if (k.attno() != attr) continue;
                any = true;
                required[i] = switch (k.strategy()) {
                    case EQUAL -> REQ_FWD | REQ_BKWD;
                    case LESS, LESS_EQUAL -> REQ_FWD;
                    case GREATER, GREATER_EQUAL -> REQ_BKWD;
                };
                if (k.strategy() == Strategy.EQUAL) eq = true;
            }
            if (!any || !eq) break;
            attr++;
        }
    }

    /** Where a scan starts: the insertion key, and _bt_first's nextkey/goback; null keys: from an end. */
    record Start(Object[] keys, boolean nextkey, boolean goback) {}

    /**
     * _bt_first's choice of start keys: per leading column, an = key or the tightest bound in the
     * scan's direction; continuing to the next column only after = or an inclusive bound. With no
     * bound on a column but one on the other side, a backward scan starts before the nulls
     * (which sort last), as PostgreSQL's "implies NOT NULL" start key does.
     */
    Start start(boolean backward) {
        List<Object> vals = new ArrayList<>();
        Strategy stratTotal = Strategy.EQUAL;
        for (int attr = 1; attr <= desc.natts(); attr++) {
            ScanKey chosen = null;
            ScanKey impliesNN = null;
            for (ScanKey k : keys) {
                if (k.attno() != attr) continue;
                Strategy s = k.strategy();
                if (s == Strategy.EQUAL) {
                    if (chosen == null || chosen.strategy() != Strategy.EQUAL) chosen = k;
                    continue;
                }
                boolean lower = s == Strategy.GREATER || s == Strategy.GREATER_EQUAL;
                if (lower == backward) {
                    if (impliesNN == null) impliesNN = k;
                    continue;
                }
                if (chosen != null && chosen.strategy() == Strategy.EQUAL) continue;
                if (chosen == null || tighter(attr, k, chosen, backward)) chosen = k;
            }
            if (chosen == null && impliesNN != null && backward) {
                vals.add(null);
                stratTotal = Strategy.LESS;
                break;
            }
            if (chosen == null) break;
            vals.add(chosen.argument());
            Strategy s = chosen.strategy();
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

    /** Whether bound {@code a} starts the scan later than {@code b} (a higher lower bound, a lower upper bound). */
    private boolean tighter(int attr, ScanKey a, ScanKey b, boolean backward) {
        int c = BTOrdering.compare(desc.attr(attr - 1).type(), a.argument(), b.argument());
        if (c == 0) return a.strategy() == Strategy.GREATER || a.strategy() == Strategy.LESS;
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
            if (v == null) {
                // NULLs sort after every value: going forward, a required key can never match again.
                return required[i] != 0 && !backward ? STOP : SKIP;
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
