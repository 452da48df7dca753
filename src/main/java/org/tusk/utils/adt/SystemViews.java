package org.tusk.utils.adt;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.RelationProvider;
import org.tusk.catalog.ScannableRelation;
import org.tusk.catalog.TypeOids;
import org.tusk.storage.ipc.SharedMemoryMap;
import org.tusk.storage.lmgr.Proc;
import org.tusk.storage.lmgr.ProcGlobal;
import org.tusk.utils.activity.BackendStatusArray;
import org.tusk.utils.activity.ProgressCommand;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The relations the SQL layer can read before tables exist: the views backed by shared memory
 * (PostgreSQL's pg_stat_get_activity in pgstatfuncs.c and the pg_stat_activity view of
 * system_views.sql; pg_locks, {@link LockStatusView}).
 *
 * <p>Every scan reads the backend status array afresh (see {@link BackendStatusArray} for how a
 * consistent copy of each entry is taken without locks), so each backend sees every other.
 */
public final class SystemViews implements RelationProvider {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx")
            .withZone(ZoneOffset.UTC);

    private static final List<ColumnDef> PG_STAT_ACTIVITY = List.of(
            new ColumnDef("datid", TypeOids.OID, -1), new ColumnDef("datname", TypeOids.NAME, -1),
            new ColumnDef("pid", TypeOids.INT4, -1), new ColumnDef("leader_pid", TypeOids.INT4, -1),
            new ColumnDef("usesysid", TypeOids.OID, -1), new ColumnDef("usename", TypeOids.NAME, -1),
            new ColumnDef("application_name", TypeOids.TEXT, -1), new ColumnDef("client_addr", TypeOids.INET, -1),
            new ColumnDef("client_hostname", TypeOids.TEXT, -1), new ColumnDef("client_port", TypeOids.INT4, -1),
            new ColumnDef("backend_start", TypeOids.TIMESTAMPTZ, -1), new ColumnDef("xact_start", TypeOids.TIMESTAMPTZ, -1),
            new ColumnDef("query_start", TypeOids.TIMESTAMPTZ, -1), new ColumnDef("state_change", TypeOids.TIMESTAMPTZ, -1),
            new ColumnDef("wait_event_type", TypeOids.TEXT, -1), new ColumnDef("wait_event", TypeOids.TEXT, -1),
            new ColumnDef("state", TypeOids.TEXT, -1), new ColumnDef("backend_xid", TypeOids.XID, -1),
            new ColumnDef("backend_xmin", TypeOids.XID, -1), new ColumnDef("query_id", TypeOids.INT8, -1),
            new ColumnDef("query", TypeOids.TEXT, -1), new ColumnDef("backend_type", TypeOids.TEXT, -1));

    private final SharedMemoryMap shmem;
    private final ProcGlobal procs;

    public SystemViews(SharedMemoryMap shmem, ProcGlobal procs) {
        this.shmem = shmem;
        this.procs = procs;
    }

    @Override
    public ScannableRelation lookup(String schemaOrNull, String name) {
        if (schemaOrNull != null && !schemaOrNull.equals("pg_catalog")) return null;
        if (name.equals("pg_stat_activity")) return new StatActivity();
        if (name.equals("pg_locks")) return new LockStatusView(shmem.lockTable());
        if (name.equals("pg_stat_progress_copy")) return new StatProgressCopy();
        return null;
    }

    private final class StatActivity implements ScannableRelation {
        @Override
        public List<ColumnDef> columns() {
            return PG_STAT_ACTIVITY;
        }

        @Override
        public Iterator<Object[]> scan() {
            List<Object[]> rows = new ArrayList<>();
            for (BackendStatusArray.Snapshot s : shmem.backendStatus().readAll()) rows.add(row(s));
            return rows.iterator();
        }
    }

    private static final List<ColumnDef> PG_STAT_PROGRESS_COPY = List.of(
            new ColumnDef("pid", TypeOids.INT4, -1), new ColumnDef("datid", TypeOids.OID, -1),
            new ColumnDef("datname", TypeOids.NAME, -1), new ColumnDef("relid", TypeOids.OID, -1),
            new ColumnDef("command", TypeOids.TEXT, -1), new ColumnDef("type", TypeOids.TEXT, -1),
            new ColumnDef("bytes_processed", TypeOids.INT8, -1), new ColumnDef("bytes_total", TypeOids.INT8, -1),
            new ColumnDef("tuples_processed", TypeOids.INT8, -1), new ColumnDef("tuples_excluded", TypeOids.INT8, -1));

    /**
     * pg_stat_progress_copy (system_views.sql over pg_stat_get_progress_info('COPY')): one row per
     * backend running a COPY, its counters as {@link org.tusk.utils.activity.CommandProgress} left them.
     */
    private final class StatProgressCopy implements ScannableRelation {
        @Override
        public List<ColumnDef> columns() {
            return PG_STAT_PROGRESS_COPY;
        }

        @Override
        public Iterator<Object[]> scan() {
            List<Object[]> rows = new ArrayList<>();
            for (BackendStatusArray.Snapshot s : shmem.backendStatus().readAll()) {
                if (s.progressCommand() != ProgressCommand.COPY) continue;
                long[] p = s.progressParams();
                rows.add(new Object[] {
                    Integer.toString(s.pid()), Integer.toString(s.datid()), s.datname(),
                    Integer.toUnsignedString(s.progressTarget()),
                    p[4] == 1 ? "COPY FROM" : p[4] == 2 ? "COPY TO" : null,
                    switch ((int) p[5]) {
                        case 1 -> "FILE";
                        case 2 -> "PROGRAM";
                        case 3 -> "PIPE";
                        case 4 -> "CALLBACK";
                        default -> null;
                    },
                    Long.toString(p[0]), Long.toString(p[1]), Long.toString(p[2]), Long.toString(p[3])
                });
            }
            return rows.iterator();
        }
    }

    private Object[] row(BackendStatusArray.Snapshot s) {
        boolean client = s.backendType() == org.tusk.utils.init.BackendType.BACKEND;
        // An autovacuum worker has a database, and reports its state and what it works on
        // (autovac_report_activity); like the auxiliary processes it has no user (st_userid unset).
        boolean worker = s.backendType() == org.tusk.utils.init.BackendType.AUTOVAC_WORKER;
        Proc proc = procs.proc(s.slot());
        int xid = proc.pid() == s.pid() ? proc.xid() : 0;
        int xmin = proc.pid() == s.pid() ? proc.xmin() : 0;
        InetAddress addr = s.clientAddr();
        return new Object[] {
            client || worker ? Integer.toString(s.datid()) : null,
            client || worker ? s.datname() : null,
            Integer.toString(s.pid()),
            null,
            client ? Integer.toString(s.usesysid()) : null,
            client ? s.usename() : null,
            s.applicationName(),
            addr == null ? null : hostAddress(addr),
            null,
            client ? Integer.toString(s.clientPort()) : null,
            ts(s.backendStart()),
            ts(s.xactStart()),
            ts(s.queryStart()),
            ts(s.stateChange()),
            client && s.state() != BackendStatusArray.State.RUNNING ? "Client" : null,
            client && s.state() != BackendStatusArray.State.RUNNING ? "ClientRead" : null,
            client || worker ? s.state().text() : null,
            xid == 0 ? null : Integer.toUnsignedString(xid),
            xmin == 0 ? null : Integer.toUnsignedString(xmin),
            null,
            client || worker ? s.query() : "",
            s.backendType().description()
        };
    }

    private static String hostAddress(InetAddress a) {
        String s = a.getHostAddress();
        int pct = s.indexOf('%');
        if (pct >= 0) s = s.substring(0, pct);
        return a instanceof Inet6Address ? s : s;
    }

    private static String ts(long micros) {
        if (micros == 0) return null;
        return TS.format(Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000));
    }
}
