package org.tusk.utils.adt;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.ScannableRelation;
import org.tusk.catalog.TypeOids;
import org.tusk.storage.lmgr.LockStatus;
import org.tusk.storage.lmgr.LockStatusRow;
import org.tusk.storage.lmgr.LockTable;

/**
 * pg_locks (system_views.sql over lockfuncs.c pg_lock_status): one row per lock mode a process
 * holds or awaits, read afresh from the shared lock table at each scan ({@link LockStatus} takes
 * every partition lock in shared mode, so the picture is one instant's).
 */
final class LockStatusView implements ScannableRelation {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx")
            .withZone(ZoneOffset.UTC);

    private static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("locktype", TypeOids.TEXT, -1), new ColumnDef("database", TypeOids.OID, -1),
            new ColumnDef("relation", TypeOids.OID, -1), new ColumnDef("page", TypeOids.INT4, -1),
            new ColumnDef("tuple", TypeOids.INT2, -1), new ColumnDef("virtualxid", TypeOids.TEXT, -1),
            new ColumnDef("transactionid", TypeOids.XID, -1), new ColumnDef("classid", TypeOids.OID, -1),
            new ColumnDef("objid", TypeOids.OID, -1), new ColumnDef("objsubid", TypeOids.INT2, -1),
            new ColumnDef("virtualtransaction", TypeOids.TEXT, -1), new ColumnDef("pid", TypeOids.INT4, -1),
            new ColumnDef("mode", TypeOids.TEXT, -1), new ColumnDef("granted", TypeOids.BOOL, -1),
            new ColumnDef("fastpath", TypeOids.BOOL, -1), new ColumnDef("waitstart", TypeOids.TIMESTAMPTZ, -1));

    private final LockTable table;

    LockStatusView(LockTable table) {
        this.table = table;
    }

    @Override
    public List<ColumnDef> columns() {
        return COLUMNS;
    }

    @Override
    public Iterator<Object[]> scan() {
        List<Object[]> rows = new ArrayList<>();
        for (LockStatusRow r : new LockStatus(table).rows()) {
            rows.add(new Object[] {r.locktype(), text(r.database()), text(r.relation()), text(r.page()), text(r.tuple()),
                    r.virtualxid(), text(r.transactionid()), text(r.classid()), text(r.objid()), text(r.objsubid()),
                    r.virtualTransaction(), Integer.toString(r.pid()), r.mode(), Boolean.toString(r.granted()),
                    Boolean.toString(r.fastpath()), ts(r.waitStart())});
        }
        return rows.iterator();
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }

    private static String ts(Instant t) {
        return t == null ? null : TS.format(t);
    }
}
