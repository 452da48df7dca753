/**
 * The postmaster: the first process of a server and the parent of all others (PostgreSQL's
 * {@code src/backend/postmaster/postmaster.c} and {@code pmchild.c}).
 *
 * <h2>What it does</h2>
 * It listens on the server's sockets; for each connection it picks a child slot and hands the
 * socket to a pre-started backend process; it reaps exited children and frees their slots; it
 * runs the startup process at start and after a crash; it carries out smart, fast and immediate
 * shutdown. See {@link org.tusk.postmaster.Postmaster} for the full story and
 * {@link org.tusk.postmaster.PMState} for the state machine.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>The postmaster never blocks on a client socket, and reads from one only to refuse it
 *     ({@code DeadEndConnections}: starting up, in recovery, shutting down, too many clients). Such
 *     a connection's first packet is read without blocking as it arrives, under
 *     {@code authentication_timeout}, and answered with the FATAL error a dead-end child would
 *     send; a cancel request among them still goes (as pid and key) to a dead-end child, which
 *     needs the PGPROC array. PostgreSQL forks a dead-end
 *     child for every refusal; a JVM start per refusal (0.3 s of CPU) made clients that retry during
 *     recovery wait seconds, and a connection storm over max_connections could take the machine.
 *     Every other connection is read only by its backend: a slow or malicious client can occupy a
 *     child, or one bounded entry of the refused list, never the postmaster's loop.</li>
 * <li>It stays out of shared memory: it creates the region, and afterwards touches only the
 *     PMChildFlags words (to assign and free slots, and to read whether a child exited cleanly)
 *     and the quit reason. It reads no other shared structure, so a child that corrupts shared
 *     memory cannot corrupt the postmaster. {@code ArchitectureTest} checks its imports.</li>
 * <li>Everything happens on the main thread: signal handlers only set flags and write an eventfd
 *     that the main loop polls. Children are spawned only from that thread, because
 *     PR_SET_PDEATHSIG fires when the spawning thread ends.</li>
 * <li>A child with a slot that dies abnormally (signal, exit code other than 0 or 1, or flag word
 *     left ACTIVE) is a crash: every other child is told to quit, shared memory is recreated.
 *     Spares and dead-end children have no slot and never cause a crash-restart.</li>
 * <li>In PM_STARTUP (at start and during crash recovery) one spare starts beside the startup
 *     process: it maps the new region but touches nothing shared until it gets a client, which
 *     happens only in PM_RUN, so the first client after recovery need not wait for a JVM.</li>
 * <li>At most two spare JVMs start at a time for the pool (JVM start-ups on a small machine slow
 *     each other). A connection that finds no ready spare waits in the postmaster
 *     ({@code PendingConnections}, which owns its descriptor and its slot) and goes to the first
 *     spare that is ready, fresh or a backend back from its session ({@code backend_reuse}),
 *     oldest connection first; it is never bound to a spare still starting. For each waiting
 *     connection without a starting spare one is started: at once, or, once backends have been
 *     seen to come back and some are in session, after the connection has waited 50 ms. Waiting
 *     connections are closed when a fast or immediate shutdown or a crash begins. In the same
 *     situation (reuse seen, sessions running) the pool itself is refilled only once it has been
 *     below its target for 500 ms: under churn it dips between every two sessions.</li>
 * <li>While it waits for children to exit (shutdown, crash), the main loop looks at least once a
 *     second, so that a missed SIGCHLD wake-up costs a second, not the 60 s poll timeout.</li>
 * <li>The number of spares kept follows the recent connection rate ({@code SpareDemand}): the
 *     connections expected during one spare start-up, at least 1 and at most
 *     {@code backend_spares} (0: none). Idle backends, fresh or reused ({@code backend_reuse}),
 *     above that number are retired by SIGTERM, the coldest first, one per 5 s once the surplus
 *     has lasted that long; a reused backend (warm: its JVM has compiled the session's code) only
 *     after it has been idle 30 s, so that it bridges the pause between two bursts. The rate and start-up averages live in the postmaster's own memory
 *     and are used by its main thread only.</li>
 * </ul>
 */
package org.tusk.postmaster;
