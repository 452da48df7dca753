package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.Arrays;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.PgSnapshot;
import org.tusk.utils.adt.Xid8Funcs;

/**
 * The 64-bit transaction id family (pg_type.dat xid8, pg_snapshot, txid_snapshot; pg_proc.dat
 * rows of xid8funcs.c and xid.c): xid8 with its comparisons and the cast to xid,
 * pg_current_xact_id[_if_assigned], pg_current_snapshot, pg_snapshot_xmin/xmax/xip,
 * pg_visible_in_snapshot, pg_xact_status, and the older txid_* functions, which are the same
 * functions over int8 and txid_snapshot. Answers come from the running backend (its Xact, the
 * ProcArray and the CLOG) through {@link FunctionCallContext#session()} and the statement's
 * snapshot ({@link FunctionCallContext#activeSnapshot()}).
 */
final class Xid8Builtins {
    private Xid8Builtins() {}

    static void register(BuiltinRegistry r) {
        r.type(new PgType(XID8, "xid8", "xid8", 8, true, 'U', false, (s, z) -> Xid8Funcs.xid8in(s),
                (v, z) -> Xid8Funcs.xid8out((Long) v)));
        r.type(new PgType(PG_SNAPSHOT, "pg_snapshot", "pg_snapshot", -1, false, 'U', false,
                (s, z) -> PgSnapshot.parse(s, "pg_snapshot"), (v, z) -> ((PgSnapshot) v).out()));
        r.type(new PgType(TXID_SNAPSHOT, "txid_snapshot", "txid_snapshot", -1, false, 'U', false,
                (s, z) -> PgSnapshot.parse(s, "txid_snapshot"), (v, z) -> ((PgSnapshot) v).out()));
        r.op("=", XID8, XID8, BOOL, (c, a) -> cmp(a) == 0);
        r.op("<>", XID8, XID8, BOOL, (c, a) -> cmp(a) != 0);
        r.op("<", XID8, XID8, BOOL, (c, a) -> cmp(a) < 0);
        r.op("<=", XID8, XID8, BOOL, (c, a) -> cmp(a) <= 0);
        r.op(">", XID8, XID8, BOOL, (c, a) -> cmp(a) > 0);
        r.op(">=", XID8, XID8, BOOL, (c, a) -> cmp(a) >= 0);
        r.fn("xid8cmp", List.of(XID8, XID8), INT4, (c, a) -> cmp(a));
        r.fn("xid", List.of(XID8), XID, (c, a) -> Xid8Funcs.toXid((Long) a[0]));
        r.cast(XID8, XID, 'a', (c, a) -> Xid8Funcs.toXid((Long) a[0]));
        current(r);
        snapshots(r);
    }

    /** The current transaction's id and the status of any recent one. */
    private static void current(BuiltinRegistry r) {
        BuiltinFunction currentId = (c, a) -> c.session().currentTransactionId();
        BuiltinFunction ifAssigned = (c, a) -> {
            long fxid = c.session().currentTransactionIdIfAssigned();
            return fxid == 0 ? null : fxid;
        };
        BuiltinFunction status = (c, a) -> Xid8Funcs.xactStatus((Long) a[0], c.session().nextFullTransactionId(),
                c.session()::transactionIdIsInProgress, c.session()::transactionIdDidCommit);
        r.fn("pg_current_xact_id", List.of(), XID8, Volatility.STABLE, true, currentId);
        r.fn("pg_current_xact_id_if_assigned", List.of(), XID8, Volatility.STABLE, true, ifAssigned);
        r.fn("pg_xact_status", List.of(XID8), TEXT, Volatility.VOLATILE, true, status);
        r.fn("txid_current_if_assigned", List.of(), INT8, Volatility.STABLE, true, ifAssigned);
        r.fn("txid_status", List.of(INT8), TEXT, Volatility.VOLATILE, true, status);
    }

    /** pg_current_snapshot and what reads a snapshot, for both pg_snapshot/xid8 and txid_snapshot/int8. */
    private static void snapshots(BuiltinRegistry r) {
        BuiltinFunction current = (c, a) -> Xid8Funcs.currentSnapshot(c.activeSnapshot(), c.session().nextFullTransactionId());
        r.fn("pg_current_snapshot", List.of(), PG_SNAPSHOT, Volatility.STABLE, true, current);
        r.fn("txid_current_snapshot", List.of(), TXID_SNAPSHOT, Volatility.STABLE, true, current);
        for (int[] t : new int[][] {{PG_SNAPSHOT, XID8}, {TXID_SNAPSHOT, INT8}}) {
            String prefix = t[0] == PG_SNAPSHOT ? "pg_snapshot_" : "txid_snapshot_";
            r.fn(prefix + "xmin", List.of(t[0]), t[1], (c, a) -> ((PgSnapshot) a[0]).xmin());
            r.fn(prefix + "xmax", List.of(t[0]), t[1], (c, a) -> ((PgSnapshot) a[0]).xmax());
            r.fn(prefix + "xip", List.of(t[0]), t[1], Volatility.IMMUTABLE, true,
                    (SetReturningFunction) (c, a) -> Arrays.stream(((PgSnapshot) a[0]).xip()).boxed().iterator());
            r.fn(t[0] == PG_SNAPSHOT ? "pg_visible_in_snapshot" : "txid_visible_in_snapshot", List.of(t[1], t[0]), BOOL,
                    (c, a) -> ((PgSnapshot) a[1]).isVisible((Long) a[0]));
        }
    }

    private static int cmp(Object[] a) {
        return Xid8Funcs.compare((Long) a[0], (Long) a[1]);
    }
}
