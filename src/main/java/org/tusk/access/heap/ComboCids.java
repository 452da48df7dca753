package org.tusk.access.heap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Combo command ids (PostgreSQL's combocid.c), private to one backend. A tuple has one t_cid
 * word. When the transaction that inserted a tuple also deletes it, both the inserting command
 * (cmin) and the deleting command (cmax) are needed by the transaction's own later commands, so
 * t_cid gets a combo id with HEAP_COMBOCID set: an index into this backend's array of (cmin, cmax)
 * pairs. Only the inserting transaction ever needs the real values (everyone else only asks
 * whether xmin/xmax committed), which is why the array can be backend-local; it is forgotten at
 * the end of the transaction ({@link #atEndOfTransaction}).
 */
public final class ComboCids {
    private record Pair(int cmin, int cmax) {}

    private final List<Pair> combos = new ArrayList<>();
    private final Map<Pair, Integer> index = new HashMap<>();

    /** GetComboCommandId: the combo id of (cmin, cmax), made if new. */
    int comboCommandId(int cmin, int cmax) {
        Pair p = new Pair(cmin, cmax);
        Integer id = index.get(p);
        if (id != null) return id;
        int n = combos.size();
        combos.add(p);
        index.put(p, n);
        return n;
    }

    /** GetRealCmin. */
    int realCmin(int comboCid) {
        return pair(comboCid).cmin;
    }

    /** GetRealCmax. */
    int realCmax(int comboCid) {
        return pair(comboCid).cmax;
    }

    private Pair pair(int comboCid) {
        if (comboCid < 0 || comboCid >= combos.size()) throw new IllegalStateException("unknown combo command id " + comboCid);
        return combos.get(comboCid);
    }

    /** AtEOXact_ComboCid: called by the transaction code at commit and abort. */
    public void atEndOfTransaction() {
        combos.clear();
        index.clear();
    }

    /** How many combo ids the current transaction has made (for tests and diagnostics). */
    public int size() {
        return combos.size();
    }
}
