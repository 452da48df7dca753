package org.tusk.postmaster;

import org.tusk.libpq.ListenSockets;
import org.tusk.libpq.LockFiles;
import org.tusk.libpq.Port;
import org.tusk.port.ErrnoException;
import org.tusk.port.Libc;
import org.tusk.port.NativeHeap;
import org.tusk.port.Signals;
import org.tusk.port.Sockets;
import org.tusk.storage.ipc.PMChildFlags;
import org.tusk.storage.ipc.PMSignal;
import org.tusk.storage.ipc.SharedMemoryMap;
import org.tusk.storage.shmem.ShmemRegion;
import org.tusk.utils.error.ServerLog;
import org.tusk.utils.error.Severity;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildAssignment;
import org.tusk.utils.init.ChildAssignment.CanAcceptConnections;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The postmaster: the server's first process and the parent of every other (PostgreSQL's
 * postmaster.c, whose header comment this follows).
 *
 * <p>It listens for connections, and for each one hands the socket to a backend process that
 * does everything else: reading the startup packet, authentication, and running the session.
 * The postmaster itself never reads from a client, so a slow or hostile client cannot stall it.
 * Because a JVM cannot fork(), backends are pre-started JVMs ("spares") waiting on a control
 * socket; the client's descriptor reaches one by SCM_RIGHTS together with a
 * {@link ChildAssignment}. A spare is used once and replaced.
 *
 * <p>The postmaster creates the shared-memory region and then stays out of it: apart from the
 * PMChildFlags words (see {@link PMChildFlags}) it never reads or writes it, so no child can
 * corrupt the postmaster's state. This is why the postmaster can survive any child's crash:
 * when a child that may have been using shared memory dies abnormally, the postmaster tells
 * every other child to quit at once, waits for them (killing stragglers after
 * {@value #KILL_AFTER_MILLIS} ms), throws the region away, creates a new one and runs the startup
 * process again (WAL replay), then accepts connections again.
 *
 * <p>All the work happens on the main thread in {@link #serverLoop()}: signal handlers only
 * set flags (see {@link PostmasterSignals}), and the state machine in {@link #stateMachine()} is
 * the single place where {@link PMState} changes.
 */
public final class Postmaster {
    static final long KILL_AFTER_MILLIS = 5000;
    /** Control-socket messages from a child (the tcop side's SpareBackend.READY and REUSABLE). */
    private static final byte SPARE_READY = 'R', SPARE_REUSABLE = 'U';
    /** Dead-end children allowed at once; further connections are closed unanswered. */
    private static final int MAX_DEAD_END_FACTOR = 2;

    private enum Shutdown { NONE, SMART, FAST, IMMEDIATE }

    /** Auxiliary processes kept running in PM_STARTUP, and in PM_RUN. */
    private static final List<BackendType> AUX_IN_STARTUP = List.of(BackendType.CHECKPOINTER);
    private static final List<BackendType> AUX_IN_RUN =
            List.of(BackendType.CHECKPOINTER, BackendType.BG_WRITER, BackendType.WAL_WRITER);

    private final ServerLog log;
    private final Path dataDir;
    private final Supplier<PostmasterSettings> settingsReader;
    private final List<String> commandLineOptions;
    private PostmasterSettings settings;
    private final int pid = Libc.getpid();
    private final long startMicros = System.currentTimeMillis() * 1000;

    private final PostmasterSignals signals = new PostmasterSignals();
    private final ChildTable children = new ChildTable();
    private final ListenSockets listenSockets = new ListenSockets();
    private PMChildSlots slots;
    private ChildLauncher launcher;
    private SharedMemoryMap shmem;
    private int shmemGeneration;

    private PMState pmState = PMState.PM_INIT;
    private Shutdown shutdown = Shutdown.NONE;
    /** A child crashed: we are on the way to re-initializing (PostgreSQL's FatalError). */
    private boolean fatalError;
    private long killDeadline = Long.MAX_VALUE;
    private long readySequence;
    /** The recent connection rate and spare start-up time, which size the spare pool. */
    private final SpareDemand spareDemand = new SpareDemand(System.currentTimeMillis());
    /** Accepted connections waiting for a ready spare, oldest first. */
    private final PendingConnections pending = new PendingConnections();
    /** Refused connections whose first packet the postmaster answers itself. */
    private final DeadEndConnections deadEnds;
    /** See {@link #pollFds}. */
    private MemorySegment pollFdsBuffer;
    /** Gives the postmaster's free C-heap memory back once it has had nothing to do for a while. */
    private final NativeHeap.IdleTrim idleTrim = new NativeHeap.IdleTrim();
    /**
     * A backend has reported itself reusable (backend_reuse is on): a connection that finds no ready
     * spare may soon get a backend whose session is ending, so a JVM is not started for it at once.
     */
    private boolean reuseSeen;
    /** Since when (ms) the spare pool has been below its target, or -1 (see SpareDemand.deferRefill). */
    private long poolShortSinceMillis = -1;

    public Postmaster(ServerLog log, Path dataDir, Supplier<PostmasterSettings> settingsReader,
                      List<String> commandLineOptions, String javaBinary, String classPath,
                      PostmasterSettings initial) {
        this.log = log;
        this.dataDir = dataDir;
        this.settingsReader = settingsReader;
        this.commandLineOptions = List.copyOf(commandLineOptions);
        this.settings = initial;
        this.deadEnds = new DeadEndConnections(log);
        this.launcher = new ChildLauncher(javaBinary, classPath, settings.backendJvmOptions(), settings.aotCacheOptions(),
                dataDir, commandLineOptions, pid, startMicros);
    }

    /** PostmasterMain: never returns; the process exits from here. */
    public void run() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        removeStaleSharedMemory(pidFile);
        LockFiles.create(pidFile, pidFileContents("starting"), "data directory lock file");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (LockFiles.ownerPid(pidFile) == pid) {
                try { Files.deleteIfExists(pidFile); } catch (IOException ignored) { /* exiting */ }
            }
        }));
        signals.install();
        log.log("starting Tusk " + org.tusk.utils.init.Version.DESCRIPTION);
        listenSockets.openTcp(settings.listenAddresses(), settings.port(), log);
        for (String dir : settings.unixSocketDirectories()) {
            listenSockets.openUnix(Path.of(dir), settings.port(), pidFileContents("ready"), log);
        }
        if (listenSockets.listeners().isEmpty()) {
            log.report(Severity.FATAL, null, "no socket created for listening", null, null);
            exit(1);
        }
        slots = new PMChildSlots(settings.maxConnections(), settings.autovacuumMaxWorkers());
        createSharedMemory();
        writePidFileStatus("starting");
        setState(PMState.PM_STARTUP);
        startStartupProcess();
        serverLoop();
    }

    // ------------------------------------------------------------------ main loop

    private void serverLoop() {
        while (true) {
            List<ListenSockets.Listener> listeners = acceptingConnections() ? listenSockets.listeners() : List.of();
            // Control sockets to watch: spares still starting (they report ready) and backends
            // (with backend_reuse, a backend reports that it is a spare again).
            List<PMChild> reporting = children.select(c -> c.controlFd >= 0 && (c.type == BackendType.BACKEND
                    || (c.type == BackendType.SPARE_BACKEND && c.spareState == PMChild.SpareState.STARTING)));
            int refused = deadEnds.size();
            int n = 1 + listeners.size() + reporting.size() + refused;
            MemorySegment fds = pollFds(n);
            setPoll(fds, 0, signals.wakeFd());
            for (int i = 0; i < listeners.size(); i++) setPoll(fds, 1 + i, listeners.get(i).fd());
            for (int i = 0; i < reporting.size(); i++) setPoll(fds, 1 + listeners.size() + i, reporting.get(i).controlFd);
            int refusedBase = 1 + listeners.size() + reporting.size();
            for (int i = 0; i < refused; i++) setPoll(fds, refusedBase + i, deadEnds.fd(i));

            long now = System.currentTimeMillis();
            int timeout = killDeadline == Long.MAX_VALUE ? 60_000 : (int) Math.max(0, Math.min(60_000, killDeadline - now));
            if (hasSurplusSpares(now)) {
                // Wake up to retire the surplus once it has lasted long enough.
                timeout = (int) Math.min(timeout, spareDemand.millisUntilRetireCheck(now) + 10);
            } else if (mayShrinkSpares()) {
                // The target falls as the connection rate decays, with no event to wake us.
                timeout = (int) Math.min(timeout, SpareDemand.RETIRE_INTERVAL_MILLIS);
            }
            if (poolShortSinceMillis >= 0 && SpareDemand.deferRefill(backendsMayReturn(), now - poolShortSinceMillis)) {
                // Wake up when the deferred refill of the pool is due.
                timeout = (int) Math.min(timeout, SpareDemand.REUSE_REFILL_DELAY_MILLIS - (now - poolShortSinceMillis) + 1);
            }
            if (!pending.isEmpty()) {
                // Wake up when a waiting connection has waited long enough to get a spare started.
                timeout = (int) Math.min(timeout, PendingConnections.millisUntilStart(now - pending.oldestAcceptedMillis()) + 1);
            }
            if (shutdown != Shutdown.NONE || fatalError) {
                // While children are being waited for, look at least once a second even if a
                // SIGCHLD wake-up went missing (fast shutdowns were seen to stall 60 s, the full
                // timeout, twice in a row: once for the backends, once for the checkpointer).
                timeout = Math.min(timeout, 1000);
            }
            timeout = (int) Math.min(timeout, idleTrim.millisUntilDue(now));
            if (deadEnds.size() > 0) {
                // Wake up when a refused connection's time to send its startup packet is up.
                timeout = (int) Math.min(timeout, deadEnds.millisUntilDeadline(now) + 1);
            }
            int ready = Libc.poll(fds, n, timeout);

            if (processSignals() | ready > 0) idleTrim.busy();
            else idleTrim.afterWait(System.currentTimeMillis());
            if (ready > 0) {
                for (int i = 0; i < listeners.size(); i++) {
                    if (revents(fds, 1 + i) != 0) acceptConnections(listeners.get(i));
                }
                for (int i = 0; i < reporting.size(); i++) {
                    if (revents(fds, 1 + listeners.size() + i) != 0) childReported(reporting.get(i));
                }
                // Descending: an answered connection leaves the list, shifting those after it.
                for (int i = refused - 1; i >= 0; i--) {
                    if (revents(fds, refusedBase + i) != 0) deadEnds.readable(i, this::startDeadEndChild);
                }
            }
            deadEnds.expire(System.currentTimeMillis());
            if (System.currentTimeMillis() >= killDeadline) killStragglers();
            maintainAuxProcesses();
            dispatchPending();
            maintainSpares();
            stateMachine();
        }
    }

    /**
     * The pollfd array for {@code n} descriptors, reused from one wake-up to the next. (Allocated
     * per wake-up from an arena that lived as long as the loop, it kept every array and its cleanup
     * record: the postmaster's heap grew with every wake-up, and a loop that woke continuously ran
     * out of it within minutes.)
     */
    private MemorySegment pollFds(int n) {
        if (pollFdsBuffer == null || pollFdsBuffer.byteSize() < n * Libc.POLLFD.byteSize()) {
            pollFdsBuffer = Arena.ofAuto().allocate(Libc.POLLFD, Math.max(n, 2 * (pollFdsBuffer == null ? 16
                    : pollFdsBuffer.byteSize() / Libc.POLLFD.byteSize())));
        }
        return pollFdsBuffer;
    }

    private static void setPoll(MemorySegment fds, int i, int fd) {
        long off = i * Libc.POLLFD.byteSize();
        fds.set(JAVA_INT, off, fd);
        fds.set(JAVA_SHORT, off + 4, Libc.POLLIN);
        fds.set(JAVA_SHORT, off + 6, (short) 0);
    }

    private static short revents(MemorySegment fds, int i) {
        return fds.get(JAVA_SHORT, i * Libc.POLLFD.byteSize() + 6);
    }

    /** Handles the signals that arrived; returns whether there were any. */
    private boolean processSignals() {
        int p = signals.take();
        if ((p & PostmasterSignals.CHILD_EXIT) != 0) reaper();
        if ((p & PostmasterSignals.RELOAD) != 0) reload();
        if ((p & PostmasterSignals.PMSIGNAL) != 0) checkPostmasterSignals();
        if ((p & PostmasterSignals.IMMEDIATE) != 0) requestShutdown(Shutdown.IMMEDIATE);
        else if ((p & PostmasterSignals.FAST) != 0) requestShutdown(Shutdown.FAST);
        else if ((p & PostmasterSignals.SMART) != 0) requestShutdown(Shutdown.SMART);
        // A SIGCHLD may have arrived while we were busy; reaping is cheap, so always look.
        reaper();
        return p != 0;
    }

    // ------------------------------------------------------------------ connections

    private boolean acceptingConnections() {
        return pmState != PMState.PM_NO_CHILDREN && pmState != PMState.PM_WAIT_DEAD_END
                && shutdown.ordinal() < Shutdown.FAST.ordinal();
    }

    /** canAcceptConnections(): whether a new client may get a backend now, or why not. */
    private CanAcceptConnections canAcceptConnections() {
        if (shutdown != Shutdown.NONE) return CanAcceptConnections.SHUTDOWN;
        if (fatalError) return CanAcceptConnections.RECOVERY;
        if (pmState == PMState.PM_STARTUP) return CanAcceptConnections.STARTUP;
        if (pmState != PMState.PM_RUN) return CanAcceptConnections.SHUTDOWN;
        return CanAcceptConnections.OK;
    }

    private void acceptConnections(ListenSockets.Listener listener) {
        // Bounded: at most a burst per wake-up, so that signals and spares are not starved.
        for (int i = 0; i < 64; i++) {
            int fd = Sockets.accept(listener.fd());
            if (fd < 0) return;
            boolean taken = false;
            try {
                if (!listener.unix()) Sockets.setIntOption(fd, Sockets.IPPROTO_TCP, Sockets.TCP_NODELAY, 1);
                taken = startBackend(fd);
            } catch (ErrnoException e) {
                log.report(Severity.LOG, null, "could not hand off connection: " + e.getMessage(), null, null);
            } finally {
                if (!taken) Libc.close(fd);
            }
        }
    }

    /**
     * BackendStartup: picks the child slot for this client (or makes it a dead-end connection) and
     * queues it for the next ready spare; returns whether the descriptor was taken (else the caller
     * closes it).
     */
    private boolean startBackend(int clientFd) {
        long now = System.currentTimeMillis();
        CanAcceptConnections cac = canAcceptConnections();
        int slot = 0;
        if (cac == CanAcceptConnections.OK) {
            slot = slots.assign(BackendType.BACKEND);
            if (slot == 0) cac = CanAcceptConnections.TOOMANY;
        }
        // Only connections that get a backend call for spares: refused ones are answered here.
        if (slot > 0) spareDemand.connectionArrived(now);
        if (slot == 0) {
            if (deadEnds.size() + children.count(c -> c.type == BackendType.DEAD_END_BACKEND) + pending.deadEnds()
                    >= MAX_DEAD_END_FACTOR * slots.maxConnections() + 4) {
                return false; // PostgreSQL also just closes the socket when even dead-end children run out
            }
            // BackendInitialize's line, which a dead-end child logs too, before it reads the startup packet
            if (settings.logConnections()) log.log(connectionReceived(clientFd));
            deadEnds.add(clientFd, cac, now, settings.authenticationTimeoutSeconds() * 1000L);
            return true;
        }
        pending.add(new PendingConnections.Pending(clientFd, new ChildAssignment(BackendType.BACKEND, slot, cac, now * 1000), now));
        dispatchPending();
        return true;
    }

    /** "connection received: host=... port=..." for a client descriptor, as BackendInitialize words it. */
    private static String connectionReceived(int clientFd) {
        Sockets.PeerAddress peer = Sockets.peer(clientFd);
        return "connection received: host=" + Port.hostForMessages(peer) + (peer.isUnix() ? "" : " port=" + peer.port());
    }

    /**
     * A refused connection that carried a cancel request: a dead-end child signals the backend it
     * names, through the PGPROC array the postmaster stays out of.
     */
    private void startDeadEndChild(int clientFd, CanAcceptConnections cac, int pid, int key) {
        long now = System.currentTimeMillis();
        pending.add(new PendingConnections.Pending(clientFd, ChildAssignment.cancelRequest(cac, now * 1000, pid, key), now));
        dispatchPending();
    }

    /**
     * Hands waiting connections to ready spares, oldest connection first, warmest spare first; for
     * those left waiting, starts spares as {@link PendingConnections#startsNeeded} says. Once the
     * server is going down (fast or immediate shutdown, or a crash), waiting connections are closed,
     * as PostgreSQL stops accepting them then.
     */
    private void dispatchPending() {
        if (pending.isEmpty()) return;
        if (fatalError || shutdown.ordinal() >= Shutdown.FAST.ordinal()) {
            dropPending();
            return;
        }
        while (!pending.isEmpty()) {
            PMChild spare = children.pickSpare();
            if (spare == null) break;
            PendingConnections.Pending p = pending.takeOldest();
            try {
                if (!handOff(p, spare)) pending.putBack(p); // that spare died; try the next
            } catch (ErrnoException e) {
                log.report(Severity.LOG, null, "could not hand off connection: " + e.getMessage(), null, null);
                closePending(p);
            }
        }
        if (pending.isEmpty()) return;
        long now = System.currentTimeMillis();
        int starting = children.count(c -> c.type == BackendType.SPARE_BACKEND && c.spareState == PMChild.SpareState.STARTING);
        boolean backendsMayReturn = backendsMayReturn();
        int starts = PendingConnections.startsNeeded(pending.size(), starting, backendsMayReturn,
                now - pending.oldestAcceptedMillis());
        for (int i = 0; i < starts; i++) {
            if (launchSpare() != null) continue;
            if (starting == 0 && i == 0 && !backendsMayReturn) {
                // Nothing will ever serve them (launchSpare logged why).
                log.report(Severity.LOG, null, "could not fork new process for connection: no spare backend could be started",
                        null, null);
                dropPending();
            }
            break;
        }
    }

    /** Backend_reuse has been seen at work and sessions are running: some backend may soon be a spare again. */
    private boolean backendsMayReturn() {
        return reuseSeen && children.count(ChildTable::isClientBackend) > 0;
    }

    /** Sends one waiting connection to a ready spare; false if the spare is gone (it is then forgotten as a spare). */
    private boolean handOff(PendingConnections.Pending p, PMChild spare) {
        int slot = p.assignment().slot();
        if (slot > 0) shmem.pmChildFlags().markAssigned(slot);
        if (Sockets.sendWithFd(spare.controlFd, p.assignment().encode(), p.clientFd())) {
            Libc.close(p.clientFd());
            spare.sessionsServed++;
            // The control socket stays open: with backend_reuse the backend reports on it when it
            // is a spare again, and its EOF tells us nothing we do not learn from waitpid.
            spare.type = p.assignment().type();
            spare.slot = slot;
            spare.spareState = PMChild.SpareState.NONE;
            return true;
        }
        // The spare died before it could take the connection; the reaper will see its exit.
        if (slot > 0) shmem.pmChildFlags().release(slot);
        Libc.close(spare.controlFd);
        spare.controlFd = -1;
        spare.spareState = PMChild.SpareState.NONE;
        return false;
    }

    private void dropPending() {
        for (PendingConnections.Pending p : pending.drain()) closePending(p);
    }

    private void closePending(PendingConnections.Pending p) {
        Libc.close(p.clientFd());
        slots.release(p.assignment().slot());
    }

    // ------------------------------------------------------------------ spares

    private PMChild launchSpare() {
        int[] pair = Sockets.socketPair();
        try {
            int childPid = launcher.launch(BackendType.SPARE_BACKEND, 0, shmem.region().path(), pair[1]);
            PMChild c = new PMChild(childPid, BackendType.SPARE_BACKEND, 0, pair[0], PMChild.SpareState.STARTING);
            c.spawnedMillis = System.currentTimeMillis();
            children.add(c);
            return c;
        } catch (ErrnoException e) {
            Libc.close(pair[0]);
            log.report(Severity.LOG, null, "could not fork new process for connection: " + e.getMessage(), null, null);
            return null;
        } finally {
            Libc.close(pair[1]);
        }
    }

    /**
     * A child wrote to its control socket: a starting spare is ready; a backend whose session
     * ended cleanly is a spare again (backend_reuse). EOF means it is exiting.
     */
    private void childReported(PMChild child) {
        byte message;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(1);
            long n = Libc.read(child.controlFd, buf, 1);
            if (n == 0) {
                Libc.close(child.controlFd);
                child.controlFd = -1;
                if (child.type == BackendType.SPARE_BACKEND) child.spareState = PMChild.SpareState.NONE;
                releaseSlotOfExitingBackend(child);
                return;
            }
            if (n < 0) return;
            message = buf.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0);
        }
        if (message == SPARE_READY) {
            // A spare that finished starting; or one handed a connection while still starting,
            // which is a backend by now and only tells us its signal handlers are in place.
            if (!child.handlesSignals && child.spawnedMillis > 0) {
                spareDemand.spareStarted(System.currentTimeMillis() - child.spawnedMillis);
            }
            child.handlesSignals = true;
            if (child.type == BackendType.SPARE_BACKEND) {
                child.spareState = PMChild.SpareState.READY;
                child.readySeq = ++readySequence;
                child.readyMillis = System.currentTimeMillis();
            }
            return;
        }
        if (message != SPARE_REUSABLE || child.type != BackendType.BACKEND) {
            log.log("unexpected message " + message + " from " + child);
            return;
        }
        if (child.slot > 0 && shmem.pmChildFlags().isActive(child.slot)) {
            // It says it is done but has not released shared memory: do not trust it.
            log.log("server process (PID " + child.pid + ") reported itself reusable while still active");
            signalChild(child, Signals.SIGKILL);
            return;
        }
        if (child.slot > 0) {
            shmem.pmChildFlags().release(child.slot);
            slots.release(child.slot);
        }
        reuseSeen = true;
        child.type = BackendType.SPARE_BACKEND;
        child.slot = 0;
        child.spareState = PMChild.SpareState.READY;
        child.readySeq = ++readySequence;
        child.readyMillis = System.currentTimeMillis();
        if (shutdown != Shutdown.NONE || fatalError) signalChild(child, Signals.SIGTERM);
    }

    /**
     * A backend closed its control socket as its very last act before exiting: if its flag word says
     * it has released shared memory (ASSIGNED), its slot can take a new client now instead of when
     * the process is reaped (a JVM takes a little while to end). If the word still says ACTIVE, the
     * process died abnormally; the reaper will treat it as a crash.
     */
    private void releaseSlotOfExitingBackend(PMChild child) {
        if (child.type != BackendType.BACKEND || child.slot == 0) return;
        if (shmem.pmChildFlags().isActive(child.slot)) return;
        shmem.pmChildFlags().release(child.slot);
        slots.release(child.slot);
        child.slot = 0;
    }

    /**
     * Keeps as many spares alive as the recent connection rate calls for ({@link SpareDemand}:
     * between 1 and {@code backend_spares}), starting at most two at a time, since concurrent JVM
     * start-ups on a small machine slow each other down; and retires a ready spare that has been
     * surplus for a while, the coldest first (a fresh one before a reused one, whose JVM has
     * compiled the session's code; a reused one only after SpareDemand's grace), so that idle JVMs
     * do not hold memory for a burst long past.
     */
    private void maintainSpares() {
        if ((pmState != PMState.PM_RUN && pmState != PMState.PM_STARTUP) || fatalError || shutdown != Shutdown.NONE) return;
        long now = System.currentTimeMillis();
        int target = spareDemand.target(settings.backendSpares(), now);
        // While the startup process replays WAL, one spare starts beside it (it maps the new shared
        // memory and warms up on private objects, touching nothing shared) so that the first
        // client after recovery does not wait for a JVM start; more would take CPU from the replay.
        if (pmState == PMState.PM_STARTUP) target = Math.min(target, 1);
        int spares = children.count(c -> c.type == BackendType.SPARE_BACKEND && c.spareState != PMChild.SpareState.NONE);
        int starting = children.count(c -> c.type == BackendType.SPARE_BACKEND && c.spareState == PMChild.SpareState.STARTING);
        int starts = SpareDemand.startsNeeded(target, spares, starting);
        if (spares >= target) {
            poolShortSinceMillis = -1;
        } else if (poolShortSinceMillis < 0) {
            poolShortSinceMillis = now;
        }
        if (starts > 0 && SpareDemand.deferRefill(backendsMayReturn(), now - poolShortSinceMillis)) starts = 0;
        for (int i = starts; i > 0; i--) {
            if (launchSpare() == null) break;
        }
        int ready = spares - starting;
        PMChild coldest = children.coldestReadySpare();
        boolean retirable = coldest != null && SpareDemand.mayRetire(coldest.sessionsServed, now - coldest.readyMillis);
        if (spareDemand.retireOne(target, ready, retirable, now)) {
            if (coldest != null) {
                coldest.spareState = PMChild.SpareState.NONE; // no longer handed connections
                signalChild(coldest, Signals.SIGTERM);
            }
        }
    }

    /** Whether more than one spare is ready: as the connection rate decays, some may become surplus. */
    private boolean mayShrinkSpares() {
        return pmState == PMState.PM_RUN && shutdown == Shutdown.NONE
                && children.count(c -> c.type == BackendType.SPARE_BACKEND && c.spareState == PMChild.SpareState.READY) > 1;
    }

    /** Whether more spares are ready than the connection rate calls for (they will be retired). */
    private boolean hasSurplusSpares(long now) {
        if (pmState != PMState.PM_RUN || shutdown != Shutdown.NONE) return false;
        int ready = children.count(c -> c.type == BackendType.SPARE_BACKEND && c.spareState == PMChild.SpareState.READY);
        return ready > spareDemand.target(settings.backendSpares(), now);
    }

    // ------------------------------------------------------------------ auxiliary processes

    private void startStartupProcess() {
        if (!startAuxProcess(BackendType.STARTUP)) exit(1);
    }

    /** StartChildProcess for an auxiliary process; false (after logging) if it could not be started. */
    private boolean startAuxProcess(BackendType type) {
        int slot = slots.assign(type);
        if (slot == 0) {
            log.report(Severity.LOG, null, "no free slot for " + type.description() + " process", null, null);
            return false;
        }
        shmem.pmChildFlags().markAssigned(slot);
        try {
            int childPid = launcher.launch(type, slot, shmem.region().path(), -1);
            children.add(new PMChild(childPid, type, slot, -1, PMChild.SpareState.NONE));
            return true;
        } catch (ErrnoException e) {
            shmem.pmChildFlags().release(slot);
            slots.release(slot);
            log.report(Severity.LOG, null, "could not fork " + type.description() + " process: " + e.getMessage(), null, null);
            return false;
        }
    }

    /**
     * The housekeeping processes. The checkpointer starts in PM_STARTUP, beside the startup
     * process, as PostgreSQL 15's does: it is there (and in pg_stat_activity) by the time the
     * first client connects, and it waits for the end of recovery before its first checkpoint
     * (Tusk's startup process writes the end-of-recovery checkpoint itself). The background
     * writer and the walwriter start in PM_RUN: they write buffers and WAL, which only a server
     * out of recovery has to write (PostgreSQL's bgwriter also runs during archive recovery,
     * which Tusk does not have). One that died is started again here.
     */
    private void maintainAuxProcesses() {
        if (fatalError || shutdown != Shutdown.NONE) return;
        if (pmState != PMState.PM_STARTUP && pmState != PMState.PM_RUN) return;
        for (BackendType t : pmState == PMState.PM_RUN ? AUX_IN_RUN : AUX_IN_STARTUP) {
            if (children.count(c -> c.type == t) == 0) startAuxProcess(t);
        }
        // ServerLoop's "if (AutoVacPID == 0 && AutoVacuumingActive() && pmState == PM_RUN)": the
        // launcher runs while autovacuum (and track_counts) is on; one that exited is started again.
        // A launcher that sees autovacuum turned off by a reload exits by itself.
        if (pmState == PMState.PM_RUN && settings.autovacuum()
                && children.count(c -> c.type == BackendType.AUTOVAC_LAUNCHER) == 0) {
            startAuxProcess(BackendType.AUTOVAC_LAUNCHER);
        }
    }

    /**
     * The reasons children signalled us for (PostgreSQL's sigusr1_handler). The only one is the
     * autovacuum launcher's request for a worker (PMSIGNAL_START_AUTOVAC_WORKER), honoured in
     * PM_RUN only; the worker finds its database in AutoVacuumShmem, where the launcher put it, and
     * a request that cannot be met (no free worker slot) is given up by the launcher after a while.
     */
    private void checkPostmasterSignals() {
        if (!shmem.pmSignal().check(PMSignal.START_AUTOVAC_WORKER)) return;
        if (pmState != PMState.PM_RUN || fatalError || shutdown != Shutdown.NONE) return;
        startAuxProcess(BackendType.AUTOVAC_WORKER);
    }

    // ------------------------------------------------------------------ child exit

    /** Reaps every exited child (waitpid with WNOHANG until none is left). */
    private void reaper() {
        while (true) {
            Libc.WaitResult w = Libc.waitpidNoHang(-1);
            if (w.pid() <= 0) return;
            PMChild child = children.remove(w.pid());
            if (child == null) continue;
            if (child.controlFd >= 0) {
                Libc.close(child.controlFd);
                child.controlFd = -1;
            }
            cleanupChild(child, w);
        }
    }

    /**
     * CleanupBackend and the reaper's per-type cases. Whether a death is a crash is decided by the
     * child's PMChildFlags word, not its exit code: a child that left it ACTIVE died while it may
     * have been changing shared memory. One that never got that far (a JVM killed while starting)
     * or that released everything before exiting leaves shared memory as trustworthy as before;
     * its abnormal exit is only logged.
     */
    private void cleanupChild(PMChild child, Libc.WaitResult w) {
        boolean cleanExit = w.exited() && (w.exitCode() == 0 || w.exitCode() == 1);
        boolean slotClean = true;
        if (child.slot > 0) {
            slotClean = shmem.pmChildFlags().release(child.slot);
            slots.release(child.slot);
        }
        boolean quiet = child.signaled || shutdown != Shutdown.NONE || fatalError;
        if (child.type == BackendType.STARTUP) {
            if (w.exited() && w.exitCode() == 0 && slotClean && pmState == PMState.PM_STARTUP && !fatalError
                    && shutdown == Shutdown.NONE) {
                log.log("database system is ready to accept connections");
                writePidFileStatus("ready   ");
                setState(PMState.PM_RUN);
                return;
            }
            if (pmState == PMState.PM_STARTUP && !fatalError && shutdown == Shutdown.NONE) {
                logChildExit(Severity.LOG, "startup process", child.pid, w);
                log.log("aborting startup due to startup process failure");
                exit(1);
            }
        }
        if (!slotClean) {
            handleChildCrash(child, w, processName(child));
        } else if (!cleanExit && !quiet) {
            logChildExit(Severity.LOG, processName(child), child.pid, w);
        }
    }

    private static String processName(PMChild c) {
        return switch (c.type) {
            case BACKEND -> "server process";
            case SPARE_BACKEND, DEAD_END_BACKEND -> c.type.description();
            default -> c.type.description() + " process";
        };
    }

    private void logChildExit(Severity sev, String procName, int childPid, Libc.WaitResult w) {
        log.report(sev, null, procName + " (PID " + childPid + ") " + w.describe(), null, null);
    }

    /**
     * HandleChildCrash: a child that may have been using shared memory died abnormally. Every
     * other child must quit at once, because shared memory may be corrupt; then we re-initialize.
     */
    private void handleChildCrash(PMChild child, Libc.WaitResult w, String procName) {
        if (!fatalError && shutdown != Shutdown.IMMEDIATE) {
            logChildExit(Severity.LOG, procName, child.pid, w);
            log.log("terminating any other active server processes");
            shmem.pmChildFlags().setQuitReason(PMChildFlags.QUIT_FOR_CRASH);
            signalAll(Signals.SIGQUICKDIE);
            killDeadline = System.currentTimeMillis() + KILL_AFTER_MILLIS;
        }
        fatalError = true;
        if (pmState == PMState.PM_STARTUP || pmState == PMState.PM_RUN || pmState == PMState.PM_STOP_BACKENDS
                || pmState == PMState.PM_SHUTDOWN) {
            setState(PMState.PM_WAIT_BACKENDS);
        }
    }

    private void signalAll(int sig) {
        for (PMChild c : children.all()) signalChild(c, sig);
    }

    private void signalChild(PMChild c, int sig) {
        c.signaled = true;
        Libc.kill(c.pid, sig);
    }

    /** Children still alive {@value #KILL_AFTER_MILLIS} ms after being told to quit at once are killed. */
    private void killStragglers() {
        killDeadline = Long.MAX_VALUE;
        if (children.isEmpty()) return;
        log.log("issuing SIGKILL to recalcitrant children");
        signalAll(Signals.SIGKILL);
    }

    // ------------------------------------------------------------------ shutdown

    private void requestShutdown(Shutdown mode) {
        if (mode.ordinal() <= shutdown.ordinal()) return;
        shutdown = mode;
        writePidFileStatus("stopping");
        switch (mode) {
            case SMART -> {
                log.log("received smart shutdown request");
                // Spares are not sessions: stop them now; sessions end when their clients leave.
                for (PMChild c : children.select(ChildTable::isSpare)) signalChild(c, Signals.SIGTERM);
                // pmdie: the autovacuum launcher and workers are told to stop at once; a smart
                // shutdown waits only for the clients' sessions (and starts no new worker)
                for (PMChild c : children.select(c -> c.type == BackendType.AUTOVAC_LAUNCHER
                        || c.type == BackendType.AUTOVAC_WORKER)) {
                    signalChild(c, Signals.SIGTERM);
                }
                if (pmState == PMState.PM_STARTUP) setState(PMState.PM_STOP_BACKENDS);
            }
            case FAST -> {
                log.log("received fast shutdown request");
                log.log("aborting any active transactions");
                if (pmState == PMState.PM_STARTUP || pmState == PMState.PM_RUN) setState(PMState.PM_STOP_BACKENDS);
            }
            case IMMEDIATE -> {
                log.log("received immediate shutdown request");
                shmem.pmChildFlags().setQuitReason(PMChildFlags.QUIT_FOR_STOP);
                signalAll(Signals.SIGQUICKDIE);
                killDeadline = System.currentTimeMillis() + KILL_AFTER_MILLIS;
                if (pmState != PMState.PM_WAIT_DEAD_END && pmState != PMState.PM_NO_CHILDREN) {
                    setState(PMState.PM_WAIT_BACKENDS);
                }
            }
            default -> { }
        }
    }

    /**
     * PostmasterStateMachine: advances {@link #pmState} as far as the current children allow.
     * Called after every event.
     */
    void stateMachine() {
        if (pmState == PMState.PM_RUN && shutdown == Shutdown.SMART
                && children.count(ChildTable::isClientBackend) == 0) {
            setState(PMState.PM_STOP_BACKENDS);
        }
        if (pmState == PMState.PM_STOP_BACKENDS) {
            // SIGTERM: backends end their sessions with 57P01; spares, the startup process, the
            // background writer and the walwriter just exit. The checkpointer stays for the
            // shutdown checkpoint.
            for (PMChild c : children.select(c -> c.type != BackendType.DEAD_END_BACKEND
                    && c.type != BackendType.CHECKPOINTER)) {
                signalChild(c, Signals.SIGTERM);
            }
            setState(PMState.PM_WAIT_BACKENDS);
        }
        if (pmState == PMState.PM_WAIT_BACKENDS && children.count(c -> c.type != BackendType.DEAD_END_BACKEND
                && (c.type != BackendType.CHECKPOINTER || fatalError || shutdown == Shutdown.IMMEDIATE)) == 0) {
            if (fatalError || shutdown == Shutdown.IMMEDIATE) {
                setState(PMState.PM_WAIT_DEAD_END);
            } else {
                // Everything that could write is gone: the checkpointer writes the shutdown
                // checkpoint (Tusk's checkpointer takes SIGTERM for this; PostgreSQL's takes SIGUSR2,
                // which a JVM reserves) and exits.
                for (PMChild c : children.select(c -> c.type == BackendType.CHECKPOINTER)) signalChild(c, Signals.SIGTERM);
                setState(PMState.PM_SHUTDOWN);
            }
        }
        if (pmState == PMState.PM_SHUTDOWN && children.count(c -> c.type == BackendType.CHECKPOINTER) == 0) {
            setState(PMState.PM_WAIT_DEAD_END);
        }
        if (pmState == PMState.PM_WAIT_DEAD_END && children.isEmpty()) {
            setState(PMState.PM_NO_CHILDREN);
        }
        if (pmState == PMState.PM_NO_CHILDREN) {
            if (shutdown != Shutdown.NONE) {
                log.log("database system is shut down");
                exit(0);
            }
            if (fatalError) {
                if (!settings.restartAfterCrash()) {
                    log.log("shutting down because restart_after_crash is off");
                    exit(1);
                }
                log.log("all server processes terminated; reinitializing");
                killDeadline = Long.MAX_VALUE;
                slots.reset();
                shmem.region().destroy();
                createSharedMemory();
                fatalError = false;
                setState(PMState.PM_STARTUP);
                startStartupProcess();
            }
        }
    }

    private void setState(PMState next) {
        if (next == pmState) return;
        log.report(Severity.DEBUG, null, "postmaster state: " + pmState + " -> " + next, null, null);
        pmState = next;
    }

    // ------------------------------------------------------------------ resources

    /**
     * A postmaster killed with SIGKILL leaves its region behind; its pid file names it (line 7).
     * If that postmaster is really gone, the file is removed, as PostgreSQL removes an orphaned
     * shared-memory segment it finds through the old postmaster.pid.
     */
    private void removeStaleSharedMemory(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long oldPid = LockFiles.ownerPid(pidFile);
            if (lines.size() >= 7 && oldPid > 0 && !LockFiles.isLive(oldPid)
                    && lines.get(6).startsWith("/dev/shm/tusk.")) {
                Files.deleteIfExists(Path.of(lines.get(6)));
            }
        } catch (IOException e) {
            // no old pid file, or unreadable: nothing to clean
        }
    }

    private void createSharedMemory() {
        shmemGeneration++;
        Path path = Path.of("/dev/shm", "tusk." + settings.port() + "." + pid + "." + shmemGeneration);
        ShmemRegion.Sizing sizing = new ShmemRegion.Sizing(slots.numSlots(), slots.maxConnections(),
                settings.trackActivityQuerySize(), settings.sharedBuffers(),
                SharedMemoryMap.walBuffers(settings.walBuffers(), settings.sharedBuffers()), settings.maxLocksPerXact());
        shmem = SharedMemoryMap.create(path, sizing, pid);
    }

    private void reload() {
        log.log("received SIGHUP, reloading configuration files");
        PostmasterSettings fresh;
        try {
            fresh = settingsReader.get();
        } catch (RuntimeException e) {
            log.report(Severity.LOG, null, "configuration file contains errors; unaffected changes were applied", null, null);
            return;
        }
        // Only SIGHUP-context settings change while running; the rest need a restart.
        settings = new PostmasterSettings(settings.port(), settings.listenAddresses(), settings.unixSocketDirectories(),
                settings.maxConnections(), settings.sharedBuffers(), settings.walBuffers(), settings.trackActivityQuerySize(),
                settings.maxLocksPerXact(), fresh.backendSpares(), fresh.authenticationTimeoutSeconds(), fresh.logConnections(), fresh.restartAfterCrash(),
                fresh.autovacuum(), settings.autovacuumMaxWorkers(),
                fresh.logLinePrefix(), settings.backendJvmOptions(), settings.aotCacheOptions());
        log.setLinePrefix(settings.logLinePrefix());
        for (PMChild c : children.all()) {
            boolean ready = c.handlesSignals || (c.slot > 0 && shmem.pmChildFlags().isActive(c.slot));
            if (ready && c.type != BackendType.DEAD_END_BACKEND && c.type != BackendType.STARTUP) {
                Libc.kill(c.pid, Signals.SIGHUP);
            }
        }
    }

    private String pidFileContents(String status) {
        String sockDir = settings.unixSocketDirectories().isEmpty() ? "" : settings.unixSocketDirectories().get(0);
        String listen = settings.listenAddresses().split(",")[0].trim();
        String shm = shmem == null ? "" : shmem.region().path().toString();
        return pid + "\n" + dataDir.toAbsolutePath() + "\n" + (startMicros / 1_000_000) + "\n" + settings.port() + "\n"
                + sockDir + "\n" + listen + "\n" + shm + "\n" + String.format("%-8s", status) + "\n";
    }

    /** Rewrites postmaster.pid with the current status line (pg_ctl reads line 8). */
    private void writePidFileStatus(String status) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Path tmp = dataDir.resolve("postmaster.pid.tmp");
        try {
            Files.writeString(tmp, pidFileContents(status.trim()));
            Files.move(tmp, pidFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.report(Severity.LOG, null, "could not write lock file \"" + pidFile + "\": " + e.getMessage(), null, null);
        }
    }

    private void exit(int code) {
        listenSockets.close();
        if (shmem != null) shmem.region().destroy();
        try {
            Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
        } catch (IOException ignored) {
            // exiting anyway
        }
        Runtime.getRuntime().halt(code);
    }

    public long startMicros() {
        return startMicros;
    }
}
