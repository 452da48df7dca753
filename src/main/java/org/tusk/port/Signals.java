package org.tusk.port;

import sun.misc.Signal;

import java.util.function.IntConsumer;

/**
 * POSIX signal numbers (x86-64 Linux) and handler installation.
 *
 * <p>A JVM delivers a caught signal by running the handler on a new thread, not by
 * interrupting the main thread as C does. Handlers therefore must do what PostgreSQL's handlers
 * do and no more: set a flag and wake the process's latch. They must not touch the client
 * socket or shared memory structures beyond that.
 *
 * <p>SIGQUIT cannot be caught by a JVM (it prints a thread dump), so Tusk uses
 * {@link #SIGPWR} wherever PostgreSQL uses SIGQUIT: "quit at once" for children, and
 * "immediate shutdown" for the postmaster. See docs/architecture.md for the whole mapping.
 */
public final class Signals {
    private Signals() {}

    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGABRT = 6, SIGKILL = 9, SIGUSR1 = 10,
            SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17, SIGURG = 23,
            SIGPWR = 30;

    /** Tusk's stand-in for SIGQUIT (quickdie / immediate shutdown), which a JVM cannot catch. */
    /**
     * Not SIGUSR2: HotSpot uses SIGUSR2 to suspend and resume its own threads, and a SIGUSR2 from
     * outside can reach that handler instead of ours. SIGPWR's default action terminates a process
     * that has not installed its handler yet, which is also what "quit at once" should do.
     */
    public static final int SIGQUICKDIE = SIGPWR;

    private static final String[] NAMES = {"0", "Hangup", "Interrupt", "Quit", "Illegal instruction",
            "Trace/breakpoint trap", "Aborted", "Bus error", "Floating point exception", "Killed",
            "User defined signal 1", "Segmentation fault", "User defined signal 2", "Broken pipe", "Alarm clock",
            "Terminated", "Stack fault", "Child exited"};

    /** strsignal(3)'s text, as PostgreSQL prints it in "was terminated by signal 9: Killed". */
    public static String name(int sig) {
        if (sig == SIGURG) return "Urgent I/O condition";
        if (sig == SIGPWR) return "Power failure";
        return sig > 0 && sig < NAMES.length ? NAMES[sig] : "signal " + sig;
    }

    private static String javaName(int sig) {
        return switch (sig) {
            case SIGHUP -> "HUP";
            case SIGINT -> "INT";
            case SIGUSR1 -> "USR1";
            case SIGUSR2 -> "USR2";
            case SIGPIPE -> "PIPE";
            case SIGALRM -> "ALRM";
            case SIGTERM -> "TERM";
            case SIGCHLD -> "CHLD";
            case SIGURG -> "URG";
            case SIGPWR -> "PWR";
            default -> throw new IllegalArgumentException("signal " + sig + " cannot be handled in a JVM");
        };
    }

    /** Installs a handler; it runs on a JVM-created thread with the signal number. */
    public static void handle(int sig, IntConsumer handler) {
        Signal.handle(new Signal(javaName(sig)), s -> handler.accept(s.getNumber()));
    }

    /**
     * SIG_IGN for the signal. Careful: once SIGINT, SIGTERM or SIGHUP is ignored, the JVM refuses
     * (silently) to install a handler for it again, and a process started with one of them ignored
     * (a background job of a shell) cannot catch it at all; use a handler that does nothing
     * instead where the signal must be caught later.
     */
    public static void ignore(int sig) {
        Signal.handle(new Signal(javaName(sig)), sun.misc.SignalHandler.SIG_IGN);
    }
}
