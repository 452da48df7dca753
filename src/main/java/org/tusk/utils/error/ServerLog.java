package org.tusk.utils.error;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The server log (PostgreSQL's elog.c output side): one line per report, in PostgreSQL's
 * format, written to standard error.
 *
 * <p>Every process of a server inherits the same standard error (the log file under
 * {@code DATADIR/log/} when started by {@code ./tusk start}, opened with O_APPEND). Each report is
 * written with a single write(2) so that lines from concurrent processes do not interleave.
 *
 * <p>{@code log_line_prefix} escapes supported: %m (time with milliseconds), %t (time), %p (pid),
 * %b (backend type), %u (user), %d (database), %a (application), %h (client host), %e
 * (SQLSTATE), %%; the others expand to nothing. One instance per process: the session fields are
 * set by that process as it learns them.
 */
public final class ServerLog {
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS zzz");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz");

    private final FileOutputStream out = new FileOutputStream(FileDescriptor.err);
    private final long pid = ProcessHandle.current().pid();
    private volatile String linePrefix = "%m [%p] ";
    private volatile ZoneId zone = ZoneId.of("UTC");
    private volatile String backendType = "postmaster";
    private volatile String user = "";
    private volatile String database = "";
    private volatile String application = "";
    private volatile String clientHost = "";
    private volatile Severity minLevel = Severity.WARNING;

    public void setLinePrefix(String prefix) { this.linePrefix = prefix; }
    public void setZone(ZoneId z) { this.zone = z; }
    public void setBackendType(String bt) { this.backendType = bt; }
    public void setSession(String u, String db, String app, String host) {
        this.user = u; this.database = db; this.application = app; this.clientHost = host;
    }
    public void setMinLevel(Severity level) { this.minLevel = level; }

    /** LOG-level messages are always written; others when at or above log_min_messages. */
    private boolean wanted(Severity s) {
        return s == Severity.LOG || s.ordinal() >= minLevel.ordinal() && s != Severity.INFO && s != Severity.NOTICE;
    }

    public void log(String message) {
        report(Severity.LOG, null, message, null, null);
    }

    public void report(Severity severity, String sqlState, String message, String detail, String hint) {
        if (!wanted(severity)) return;
        String prefix = expandPrefix(sqlState);
        StringBuilder sb = new StringBuilder(160);
        sb.append(prefix).append(severity.wireName()).append(":  ").append(message).append('\n');
        if (detail != null) sb.append(prefix).append("DETAIL:  ").append(detail).append('\n');
        if (hint != null) sb.append(prefix).append("HINT:  ").append(hint).append('\n');
        write(sb.toString());
    }

    public void report(PgException e) {
        report(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint());
    }

    /** An error with the statement that caused it (log_min_error_statement's STATEMENT line). */
    public void report(PgException e, String statement) {
        if (!wanted(e.severity())) return;
        report(e);
        if (statement != null) write(expandPrefix(e.sqlState()) + "STATEMENT:  " + statement + "\n");
    }

    private synchronized void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // Nowhere left to report a failure to report.
        }
    }

    private String expandPrefix(String sqlState) {
        String p = linePrefix;
        StringBuilder sb = new StringBuilder(p.length() + 32);
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c != '%' || i + 1 == p.length()) { sb.append(c); continue; }
            char e = p.charAt(++i);
            switch (e) {
                case 'm' -> sb.append(MILLIS.format(Instant.now().atZone(zone)));
                case 't' -> sb.append(SECONDS.format(Instant.now().atZone(zone)));
                case 'p' -> sb.append(pid);
                case 'b' -> sb.append(backendType);
                case 'u' -> sb.append(user);
                case 'd' -> sb.append(database);
                case 'a' -> sb.append(application);
                case 'h' -> sb.append(clientHost);
                case 'e' -> sb.append(sqlState == null ? SqlState.SUCCESSFUL_COMPLETION : sqlState);
                case '%' -> sb.append('%');
                default -> { /* unsupported escapes expand to nothing */ }
            }
        }
        return sb.toString();
    }
}
