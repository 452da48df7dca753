package org.tusk.testsupport;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.SessionServices;

/** A SessionServices for tests: a small settings table and fixed clocks. */
public class FakeSession implements SessionServices {
    final Map<String, String> defaults = new LinkedHashMap<>();
    final Map<String, String> values = new LinkedHashMap<>();
    public Instant txStart = Instant.parse("2026-11-27T02:46:41.123456Z");
    public Instant stmtStart = Instant.parse("2026-11-27T02:46:41.223456Z");
    public final List<String> log = new ArrayList<>();
    public int interruptChecks;
    private final org.tusk.utils.misc.PgPrng randomState = new org.tusk.utils.misc.PgPrng();

    @Override public org.tusk.utils.misc.PgPrng randomState() { return randomState; }

    public FakeSession() {
        defaults.put("TimeZone", "UTC");
        defaults.put("search_path", "\"$user\", public");
        defaults.put("application_name", "");
        defaults.put("DateStyle", "ISO, MDY");
        defaults.put("work_mem", "4MB");
        defaults.put("extra_float_digits", "1");
        defaults.put("enable_seqscan", "on");
        defaults.put("enable_indexscan", "on");
        defaults.put("enable_hashjoin", "on");
        defaults.put("enable_mergejoin", "on");
        defaults.put("enable_nestloop", "on");
        defaults.put("enable_hashagg", "on");
        values.putAll(defaults);
    }

    private String key(String name) {
        for (String k : defaults.keySet()) if (k.equalsIgnoreCase(name)) return k;
        throw PgException.error(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
    }

    @Override public int backendPid() { return 4242; }
    @Override public String currentUser() { return "alice"; }
    @Override public String sessionUser() { return "alice"; }
    @Override public String currentDatabase() { return "tusk"; }
    @Override public void sleep(double seconds) { log.add("sleep " + seconds); }
    @Override public boolean terminateBackend(int pid, long timeoutMs) { log.add("terminate " + pid + " " + timeoutMs); return pid == 7; }
    @Override public boolean cancelBackend(int pid) { log.add("cancel " + pid); return false; }
    @Override public String showSetting(String name) { return values.get(key(name)); }
    @Override public void setSetting(String name, String value, boolean isLocal) {
        String k = key(name);
        values.put(k, value == null ? defaults.get(k) : value);
        log.add("set " + k + "=" + value + (isLocal ? " local" : ""));
    }
    @Override public void resetSetting(String name) {
        if (name.equals("all")) values.putAll(defaults); else values.put(key(name), defaults.get(key(name)));
        log.add("reset " + name);
    }
    @Override public List<SettingRow> allSettings() {
        List<SettingRow> r = new ArrayList<>();
        values.forEach((k, v) -> r.add(new SettingRow(k, v, "desc of " + k)));
        return r;
    }
    @Override public String canonicalSettingName(String name) { return key(name); }
    @Override public Instant statementStart() { return stmtStart; }
    @Override public Instant transactionStart() { return txStart; }
    @Override public Instant postmasterStart() { return Instant.parse("2026-11-27T00:00:00Z"); }
    @Override public InetAddress clientAddr() {
        try { return InetAddress.getByName("127.0.0.1"); } catch (Exception e) { throw new RuntimeException(e); }
    }
    @Override public int clientPort() { return 54321; }
    @Override public void checkForInterrupts() { interruptChecks++; }
}
