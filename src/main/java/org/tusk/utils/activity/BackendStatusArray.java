package org.tusk.utils.activity;

import org.tusk.utils.init.BackendType;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The backend status array (PostgreSQL's backend_status.c): what every process is doing, read
 * by {@code pg_stat_activity} in any other process.
 *
 * <p>Entry {@code slot - 1} belongs to the process in child slot {@code slot}; only its owner
 * writes it. Readers take no lock: PostgreSQL's {@code st_changecount} protocol makes a torn
 * read detectable. The writer increments the counter (making it odd) before a change and again
 * (even) after; a reader copies the entry and retries if the counter was odd or changed meanwhile.
 * Writers never block, and a reader retries only while a writer is inside its short critical
 * section; after a bounded number of tries it yields the CPU between attempts.
 */
public final class BackendStatusArray {
    public static final int NAMEDATALEN = 64;

    /** PGSTAT_NUM_PROGRESS_PARAM: the counters a command in progress reports. */
    public static final int PROGRESS_PARAMS = 20;

    /** Values of {@code state}, as {@code pg_stat_activity.state} shows them. */
    public enum State {
        UNDEFINED(null), IDLE("idle"), RUNNING("active"), IDLE_IN_TRANSACTION("idle in transaction"),
        FASTPATH("fastpath function call"), IDLE_IN_TRANSACTION_ABORTED("idle in transaction (aborted)"),
        DISABLED("disabled");

        private final String text;

        State(String text) { this.text = text; }

        public String text() { return text; }
    }

    public static StructLayout entryLayout(int querySize) {
        return MemoryLayout.structLayout(
                JAVA_INT.withName("changecount"),
                JAVA_INT.withName("pid"),
                JAVA_INT.withName("backendType"),
                JAVA_INT.withName("state"),
                JAVA_INT.withName("datid"),
                JAVA_INT.withName("usesysid"),
                JAVA_INT.withName("clientPort"),
                JAVA_INT.withName("clientAddrLen"),
                MemoryLayout.sequenceLayout(16, JAVA_BYTE).withName("clientAddr"),
                JAVA_LONG.withName("backendStart"),
                JAVA_LONG.withName("xactStart"),
                JAVA_LONG.withName("queryStart"),
                JAVA_LONG.withName("stateChange"),
                MemoryLayout.sequenceLayout(NAMEDATALEN, JAVA_BYTE).withName("usename"),
                MemoryLayout.sequenceLayout(NAMEDATALEN, JAVA_BYTE).withName("datname"),
                MemoryLayout.sequenceLayout(NAMEDATALEN, JAVA_BYTE).withName("appname"),
                JAVA_INT.withName("progressCommand"),
                JAVA_INT.withName("progressTarget"),
                MemoryLayout.sequenceLayout(PROGRESS_PARAMS, JAVA_LONG).withName("progressParam"),
                MemoryLayout.sequenceLayout(align8(querySize), JAVA_BYTE).withName("query"));
    }

    private static long align8(int n) {
        return (n + 7L) & ~7L;
    }

    public static long size(int numSlots, int querySize) {
        return entryLayout(querySize).byteSize() * numSlots;
    }

    /**
     * A consistent copy of one entry. Times are microseconds since the Unix epoch, 0 for none.
     * {@code progressParams} are the counters of the command in progress, if
     * {@code progressCommand} is not {@link ProgressCommand#INVALID}.
     */
    public record Snapshot(int slot, int pid, BackendType backendType, State state, int datid, int usesysid,
                           InetAddress clientAddr, int clientPort, long backendStart, long xactStart,
                           long queryStart, long stateChange, String usename, String datname,
                           String applicationName, String query, ProgressCommand progressCommand,
                           int progressTarget, long[] progressParams) {}

    private final MemorySegment seg;
    private final int numSlots;
    private final StructLayout entry;
    private final VarHandle changecount, pid, type, state, datid, usesysid, clientPort, clientAddrLen,
            backendStart, xactStart, queryStart, stateChange;
    private final VarHandle progressCommand, progressTarget;
    private final long clientAddrOff, usenameOff, datnameOff, appnameOff, progressParamOff, queryOff, querySize;

    public BackendStatusArray(MemorySegment seg, int numSlots, int querySize) {
        this.seg = seg;
        this.numSlots = numSlots;
        this.entry = entryLayout(querySize);
        this.changecount = vh("changecount");
        this.pid = vh("pid");
        this.type = vh("backendType");
        this.state = vh("state");
        this.datid = vh("datid");
        this.usesysid = vh("usesysid");
        this.clientPort = vh("clientPort");
        this.clientAddrLen = vh("clientAddrLen");
        this.backendStart = vh("backendStart");
        this.xactStart = vh("xactStart");
        this.queryStart = vh("queryStart");
        this.stateChange = vh("stateChange");
        this.progressCommand = vh("progressCommand");
        this.progressTarget = vh("progressTarget");
        this.progressParamOff = entry.byteOffset(groupElement("progressParam"));
        this.clientAddrOff = entry.byteOffset(groupElement("clientAddr"));
        this.usenameOff = entry.byteOffset(groupElement("usename"));
        this.datnameOff = entry.byteOffset(groupElement("datname"));
        this.appnameOff = entry.byteOffset(groupElement("appname"));
        this.queryOff = entry.byteOffset(groupElement("query"));
        this.querySize = querySize;
    }

    private VarHandle vh(String name) {
        return entry.varHandle(groupElement(name));
    }

    private MemorySegment entry(int slot) {
        if (slot < 1 || slot > numSlots) throw new IllegalArgumentException("no status entry for slot " + slot);
        return seg.asSlice((slot - 1) * entry.byteSize(), entry.byteSize());
    }

    /** The owner's writer for its own entry. */
    public Writer writer(int slot) {
        return new Writer(entry(slot));
    }

    /** Writes to one's own entry, each change bracketed by the changecount protocol. */
    public final class Writer implements CommandProgress {
        private final MemorySegment e;

        private Writer(MemorySegment e) {
            this.e = e;
        }

        private void beginChange() { changecount.getAndAdd(e, 0L, 1); }
        private void endChange() { changecount.getAndAdd(e, 0L, 1); }

        /** pgstat_bestart: the whole entry at once, when the process has its identity. */
        public void start(int pidValue, BackendType bt, int datidValue, int roleId, String user, String db,
                          String appName, InetAddress addr, int port, long startMicros) {
            beginChange();
            try {
                pid.set(e, 0L, pidValue);
                type.set(e, 0L, bt.ordinal());
                state.set(e, 0L, State.UNDEFINED.ordinal());
                datid.set(e, 0L, datidValue);
                usesysid.set(e, 0L, roleId);
                byte[] a = addr == null ? new byte[0] : addr.getAddress();
                clientAddrLen.set(e, 0L, a.length);
                MemorySegment.copy(a, 0, e, JAVA_BYTE, clientAddrOff, a.length);
                clientPort.set(e, 0L, addr == null ? -1 : port);
                backendStart.set(e, 0L, startMicros);
                xactStart.set(e, 0L, 0L);
                queryStart.set(e, 0L, 0L);
                stateChange.set(e, 0L, 0L);
                putString(e, usenameOff, NAMEDATALEN, user);
                putString(e, datnameOff, NAMEDATALEN, db);
                putString(e, appnameOff, NAMEDATALEN, appName);
                putString(e, queryOff, querySize, "");
                clearProgress();
            } finally {
                endChange();
            }
        }

        private void clearProgress() {
            progressCommand.set(e, 0L, ProgressCommand.INVALID.ordinal());
            progressTarget.set(e, 0L, 0);
            e.asSlice(progressParamOff, PROGRESS_PARAMS * 8L).fill((byte) 0);
        }

        @Override
        public void start(ProgressCommand command, int relid) {
            beginChange();
            try {
                clearProgress();
                progressCommand.set(e, 0L, command.ordinal());
                progressTarget.set(e, 0L, relid);
            } finally {
                endChange();
            }
        }

        @Override
        public void update(int index, long value) {
            if (index < 0 || index >= PROGRESS_PARAMS) throw new IllegalArgumentException("progress parameter " + index);
            beginChange();
            try {
                e.set(JAVA_LONG, progressParamOff + index * 8L, value);
            } finally {
                endChange();
            }
        }

        @Override
        public void end() {
            beginChange();
            try {
                clearProgress();
            } finally {
                endChange();
            }
        }

        /** pgstat_report_activity. {@code query} null keeps the previous text (as PostgreSQL does for idle). */
        public void reportActivity(State st, String query, long nowMicros) {
            beginChange();
            try {
                if ((int) state.get(e, 0L) != st.ordinal()) stateChange.set(e, 0L, nowMicros);
                state.set(e, 0L, st.ordinal());
                if (query != null) {
                    queryStart.set(e, 0L, nowMicros);
                    putString(e, queryOff, querySize, query);
                }
            } finally {
                endChange();
            }
        }

        public void reportXactStart(long micros) {
            beginChange();
            try { xactStart.set(e, 0L, micros); } finally { endChange(); }
        }

        public void reportAppName(String appName) {
            beginChange();
            try { putString(e, appnameOff, NAMEDATALEN, appName); } finally { endChange(); }
        }

        /** pgstat_beshutdown_hook: the entry no longer describes a process. */
        public void clear() {
            beginChange();
            try { pid.set(e, 0L, 0); } finally { endChange(); }
        }
    }

    /** Reads every live entry consistently. */
    public List<Snapshot> readAll() {
        List<Snapshot> out = new ArrayList<>();
        for (int slot = 1; slot <= numSlots; slot++) {
            Snapshot s = read(slot);
            if (s != null) out.add(s);
        }
        return out;
    }

    /** A consistent copy of {@code slot}'s entry, or null if no process uses it. */
    public Snapshot read(int slot) {
        MemorySegment e = entry(slot);
        for (int attempt = 0; ; attempt++) {
            int before = (int) changecount.getAcquire(e, 0L);
            if ((before & 1) == 0) {
                Snapshot s = copy(slot, e);
                int after = (int) changecount.getAcquire(e, 0L);
                if (before == after) return s;
            }
            if (attempt > 100) Thread.yield(); else Thread.onSpinWait();
        }
    }

    private Snapshot copy(int slot, MemorySegment e) {
        int p = (int) pid.get(e, 0L);
        if (p == 0) return null;
        int alen = Math.min(16, Math.max(0, (int) clientAddrLen.get(e, 0L)));
        InetAddress addr = null;
        if (alen == 4 || alen == 16) {
            try {
                addr = InetAddress.getByAddress(e.asSlice(clientAddrOff, alen).toArray(JAVA_BYTE));
            } catch (UnknownHostException ex) {
                addr = null;
            }
        }
        int bt = (int) type.get(e, 0L);
        int st = (int) state.get(e, 0L);
        return new Snapshot(slot, p,
                bt >= 0 && bt < BackendType.values().length ? BackendType.values()[bt] : BackendType.INVALID,
                st >= 0 && st < State.values().length ? State.values()[st] : State.UNDEFINED,
                (int) datid.get(e, 0L), (int) usesysid.get(e, 0L), addr, (int) clientPort.get(e, 0L),
                (long) backendStart.get(e, 0L), (long) xactStart.get(e, 0L), (long) queryStart.get(e, 0L),
                (long) stateChange.get(e, 0L), getString(e, usenameOff, NAMEDATALEN),
                getString(e, datnameOff, NAMEDATALEN), getString(e, appnameOff, NAMEDATALEN),
                getString(e, queryOff, querySize), ProgressCommand.of((int) progressCommand.get(e, 0L)),
                (int) progressTarget.get(e, 0L), e.asSlice(progressParamOff, PROGRESS_PARAMS * 8L).toArray(JAVA_LONG));
    }

    /** Stores a NUL-terminated UTF-8 string, truncated at a character boundary as pg_mbcliplen does. */
    private static void putString(MemorySegment e, long off, long cap, String s) {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(b.length, cap - 1);
        while (n > 0 && n < b.length && (b[n] & 0xC0) == 0x80) n--;
        MemorySegment.copy(b, 0, e, JAVA_BYTE, off, n);
        e.set(JAVA_BYTE, off + n, (byte) 0);
    }

    private static String getString(MemorySegment e, long off, long cap) {
        int n = 0;
        while (n < cap && e.get(JAVA_BYTE, off + n) != 0) n++;
        return new String(e.asSlice(off, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }
}
