package org.tusk.utils.misc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * The configuration parameters of one process: what PostgreSQL keeps in guc.c's globals and
 * in the variables the GUC tables point to. A postmaster and every backend each own exactly
 * one instance; nothing here is shared between processes.
 *
 * <p>All changes go through {@link #set}, PostgreSQL's {@code set_config_option}: it checks
 * that the parameter may be changed in the caller's {@link GucContext}, honours the priority of
 * {@link GucSource}s, parses and checks the value, records the old value for transaction
 * rollback and marks reported parameters for the next ParameterStatus. See package-info.
 */
public final class GucSettings {
    /** By lower-cased name, sorted, so every listing comes out in guc.c's order. */
    private final TreeMap<String, GucVariable> variables = new TreeMap<>();
    /**
     * The same variables by the spellings callers have used (the lower-cased key and, once seen,
     * e.g. "DateStyle"): the executor and planner read settings by name at every statement, and a
     * hash probe by the caller's own string costs no lower-casing and no walk down the sorted tree.
     */
    private final HashMap<String, GucVariable> byName = new HashMap<>();
    /** Bumped whenever any variable's current value changes: lets callers cache what they derive from settings. */
    private long valueChanges;
    /** Extra, process-specific check hooks (e.g. a role lookup installed by the catalog layer). */
    private final Map<String, List<GucCheckHook>> extraHooks = new HashMap<>();
    /** True in backends: they ignore BACKEND-context changes from a configuration-file reload. */
    private final boolean underPostmaster;

    /** 0 outside a transaction, 1 in a top-level transaction, more in subtransactions and functions. */
    private int nestLevel;
    /** Some variable has a stack entry that the end of a transaction must pop. */
    private boolean dirty;
    private boolean reportingEnabled;
    private boolean reportNeeded;

    private GucSettings(boolean underPostmaster) {
        this.underPostmaster = underPostmaster;
        for (BootEntry b : bootEntries()) {
            GucVariable var = new GucVariable(b.def(), b.boot());
            variables.put(b.key(), var);
            byName.put(b.key(), var);
        }
        // InitializeGUCOptions derives max_stack_depth from the platform's stack limit, capped at
        // 2MB; Tusk's depth checks (nested SQL functions) are sized for that cap.
        set("max_stack_depth", "2048", GucContext.POSTMASTER, GucSource.DYNAMIC_DEFAULT, GucAction.SET);
    }

    /** See {@link #copy()}. */
    private GucSettings(GucSettings from) {
        this.underPostmaster = from.underPostmaster;
        for (Map.Entry<String, GucVariable> e : from.variables.entrySet()) {
            GucVariable var = e.getValue().copyForNewSession();
            variables.put(e.getKey(), var);
            byName.put(e.getKey(), var);
        }
    }

    /**
     * Settings for a new session equal to these: what building the settings anew and importing
     * these ones' non-default values ({@link #importNonDefault}) gives, without parsing and checking
     * every value again (a reused backend starts a session this way, LoadedConfig). Values are
     * immutable, so they are shared. Only settings outside any transaction and without
     * process-specific check hooks ({@link #addCheckHook}) are copied: the copy would lose both.
     */
    public GucSettings copy() {
        if (nestLevel != 0 || dirty || !extraHooks.isEmpty()) {
            throw new IllegalStateException("settings in use by a session cannot be copied");
        }
        return new GucSettings(this);
    }

    /** One parameter's starting point: its lower-cased key and its boot value as the check hook canonicalized it. */
    private record BootEntry(String key, GucDefinition def, Object boot) {}

    /**
     * The boot state of every built-in parameter, computed once per process. Boot values go through
     * their check hook (canonicalization), as InitializeOneGUCOption does; the hook is called without
     * settings and gives the same answer every time, so a reused backend, which builds new settings
     * for every session, does not redo it (nor the lower-casing) each time.
     */
    private static List<BootEntry> bootEntries() {
        List<BootEntry> entries = bootEntries;
        if (entries != null) return entries;
        entries = new ArrayList<>();
        for (GucDefinition def : GucTables.all()) {
            Object boot = def.bootValue();
            GucCheckHook hook = def.checkHook();
            if (hook != null && boot != null) {
                try {
                    boot = hook.check(boot, null);
                } catch (GucCheckException e) {
                    throw new IllegalStateException("invalid boot value for " + def.name(), e);
                }
            }
            entries.add(new BootEntry(key(def.name()), def, boot));
        }
        return bootEntries = List.copyOf(entries);
    }

    /** The settings' boot values, made once from the constant GUC tables and immutable: not per-session state. */
    private static volatile List<BootEntry> bootEntries;

    /** The settings of the postmaster, which also applies BACKEND parameters from the file. */
    public static GucSettings forPostmaster() {
        return new GucSettings(false);
    }

    /** The settings of a backend (or any other child of the postmaster). */
    public static GucSettings forBackend() {
        return new GucSettings(true);
    }

    public boolean isUnderPostmaster() {
        return underPostmaster;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ lookup

    /** {@code find_option}: an existing variable, a new placeholder for a valid custom name, or an error. */
    GucVariable find(String name, boolean createPlaceholders) {
        GucVariable var = variables.get(key(name));
        if (var == null) {
            GucDefinition def = GucTables.find(name); // renamed parameters ("sort_mem")
            if (def != null) {
                var = variables.get(key(def.name()));
            }
        }
        if (var != null) {
            return var;
        }
        if (createPlaceholders && name.indexOf('.') >= 0) {
            if (!validCustomName(name)) {
                throw PgException.error(SqlState.INVALID_NAME, "invalid configuration parameter name \"" + name + "\"")
                        .withDetail("Custom parameter names must be two or more simple identifiers separated by dots.");
            }
            GucVariable placeholder = new GucVariable(GucDefinition.placeholder(name), null);
            variables.put(key(name), placeholder);
            byName.put(key(name), placeholder);
            return placeholder;
        }
        throw unrecognized(name);
    }

    /**
     * The parameter's own spelling (find_option's record->name, e.g. "TimeZone" for "timezone"),
     * as GUCArrayAdd stores it; a custom "x.y" name is kept as given. 42704 if unknown.
     */
    public String canonicalName(String name) {
        GucVariable var = lookup(name);
        if (var != null) return var.def.name();
        if (name.indexOf('.') >= 0 && validCustomName(name)) return name;
        throw unrecognized(name);
    }

    /** Like {@link #find} without creating anything; null when unknown. */
    GucVariable lookup(String name) {
        GucVariable var = byName.get(name);
        if (var != null) return var;
        var = variables.get(key(name));
        if (var == null) {
            GucDefinition def = GucTables.find(name);
            return def == null ? null : variables.get(key(def.name()));
        }
        // remember the caller's spelling; the bound keeps odd casings typed in SQL from growing it without end
        if (byName.size() < 4 * variables.size()) byName.put(name, var);
        return var;
    }

    static PgException unrecognized(String name) {
        return PgException.error(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
    }

    /** {@code valid_custom_variable_name}: identifiers separated by dots, at least one dot. */
    static boolean validCustomName(String name) {
        boolean sawSeparator = false;
        boolean nameStart = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (nameStart) {
                    return false; // empty component
                }
                sawSeparator = true;
                nameStart = true;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 128) {
                nameStart = false;
            } else if (!nameStart && ((c >= '0' && c <= '9') || c == '$')) {
                // digits and dollars are fine after the first character
            } else {
                return false;
            }
        }
        return !nameStart && sawSeparator;
    }

    /** The definition of a parameter known to this process (built-in or placeholder), or null. */
    public GucDefinition definition(String name) {
        GucVariable var = lookup(name);
        return var == null ? null : var.def;
    }

    Collection<GucVariable> variables() {
        return variables.values();
    }

    /** Adds a check hook that runs after the built-in one, for checks needing other subsystems. */
    public void addCheckHook(String name, GucCheckHook hook) {
        GucVariable var = lookup(name);
        if (var == null) {
            throw unrecognized(name);
        }
        extraHooks.computeIfAbsent(key(var.name()), k -> new ArrayList<>()).add(hook);
    }

    // ------------------------------------------------------------------ setting values

    /**
     * Sets a parameter, as {@code set_config_option} does.
     *
     * @param name    the parameter, in any case; unknown dotted names create placeholders
     * @param value   the new value as text, or null for the default: the boot value when
     *                {@code source} is {@link GucSource#DEFAULT}, otherwise the RESET value
     * @param context the privilege of the caller: POSTMASTER at start-up, SIGHUP when reading the
     *                file again, (SUPERUSER_)BACKEND for the startup packet, SUSET or USERSET for
     *                SQL by a superuser or an ordinary user
     * @param source  where the value comes from; a lower source never overrides a higher one
     * @param action  SET, SET LOCAL or a function's SAVE
     * @throws PgException with PostgreSQL's message and SQLSTATE when the change is not allowed
     */
    public SetResult set(String name, String value, GucContext context, GucSource source, GucAction action) {
        return set(name, value, context, source, action, true, false);
    }

    /** Checks whether a value would be accepted, without changing anything (changeVal = false). */
    public void validate(String name, String value, GucContext context, GucSource source) {
        set(name, value, context, source, GucAction.SET, false, false);
    }

    /**
     * SET, SET LOCAL and SET ... TO DEFAULT / RESET from SQL ({@code ExecSetVariableStmt}).
     * {@code value} null means DEFAULT.
     */
    public SetResult setFromSql(String name, String value, boolean local, boolean superuser) {
        return set(name, value, superuser ? GucContext.SUSET : GucContext.USERSET, GucSource.SESSION,
                local ? GucAction.LOCAL : GucAction.SET);
    }

    SetResult set(String name, String value, GucContext context, GucSource source, GucAction action,
                  boolean changeVal, boolean isReload) {
        GucVariable var = find(name, true);
        GucDefinition def = var.def;
        boolean prohibitValueChange = false;

        switch (def.context()) {
            case INTERNAL -> {
                if (context != GucContext.INTERNAL) {
                    throw cantChange("parameter \"" + name + "\" cannot be changed");
                }
            }
            case POSTMASTER -> {
                if (context == GucContext.SIGHUP) {
                    // Re-reading the file: complain only if the value really differs, which can be
                    // decided only after parsing and canonicalization below.
                    prohibitValueChange = true;
                } else if (context != GucContext.POSTMASTER) {
                    throw cantChange("parameter \"" + name + "\" cannot be changed without restarting the server");
                }
            }
            case SIGHUP -> {
                if (context != GucContext.SIGHUP && context != GucContext.POSTMASTER) {
                    throw cantChange("parameter \"" + name + "\" cannot be changed now");
                }
            }
            case SUPERUSER_BACKEND, BACKEND -> {
                if (def.context() == GucContext.SUPERUSER_BACKEND && context == GucContext.BACKEND) {
                    throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                            "permission denied to set parameter \"" + name + "\"");
                }
                if (context == GucContext.SIGHUP) {
                    // A reload reaches the postmaster (and so future backends) but not running sessions.
                    if (underPostmaster && changeVal && !isReload) {
                        return SetResult.IGNORED;
                    }
                } else if (context != GucContext.POSTMASTER && context != GucContext.BACKEND
                        && context != GucContext.SUPERUSER_BACKEND && source != GucSource.CLIENT) {
                    throw cantChange("parameter \"" + name + "\" cannot be set after connection start");
                }
            }
            case SUSET -> {
                if (context == GucContext.USERSET || context == GucContext.BACKEND) {
                    throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                            "permission denied to set parameter \"" + name + "\"");
                }
            }
            case USERSET -> {
                // always allowed
            }
        }

        // Values from the file, the command line, the database/user and the startup packet define
        // what RESET returns to; they are not transactional.
        boolean makeDefault = changeVal && source.setsResetValue() && (value != null || source == GucSource.DEFAULT);

        if (var.source.compareTo(source) > 0) {
            if (changeVal && !makeDefault) {
                return SetResult.IGNORED; // a higher-priority source already set it
            }
            changeVal = false;
        }

        Object newValue;
        GucSource newSource = source;
        GucContext newContext = context;
        if (value != null) {
            newValue = parseAndCheck(var, name, value);
        } else if (source == GucSource.DEFAULT) {
            newValue = runHooks(var, def.bootValue());
        } else {
            newValue = var.resetValue;
            newSource = var.resetSource;
            newContext = var.resetScontext;
        }

        if (prohibitValueChange) {
            if (!Objects.equals(var.value, newValue)) {
                var.pendingRestart = true;
                throw cantChange("parameter \"" + name + "\" cannot be changed without restarting the server");
            }
            var.pendingRestart = false;
            return SetResult.IGNORED;
        }

        if (changeVal) {
            if (!makeDefault && var.pushOldValue(action, nestLevel)) {
                dirty = true;
            }
            if (!Objects.equals(var.value, newValue)) valueChanges++;
            var.value = newValue;
            var.source = newSource;
            var.scontext = newContext;
            if (def.hasFlag(GucFlag.REPORT)) {
                var.needsReport = true;
                reportNeeded = true;
            }
        }
        if (makeDefault) {
            if (var.resetSource.compareTo(newSource) <= 0) {
                var.resetValue = newValue;
                var.resetSource = newSource;
                var.resetScontext = newContext;
            }
            // Values saved by open transactions are defaults too: a rollback must return to them.
            for (GucStackEntry s = var.stack; s != null; s = s.prev) {
                if (s.source.compareTo(newSource) <= 0) {
                    s.prior = newValue;
                    s.source = newSource;
                    s.scontext = newContext;
                }
            }
        }
        return changeVal ? SetResult.APPLIED : SetResult.IGNORED;
    }

    private static PgException cantChange(String message) {
        return PgException.error(SqlState.CANT_CHANGE_RUNTIME_PARAM, message);
    }

    /** {@code parse_and_validate_value}: parse, range-check, then run the check hooks. */
    private Object parseAndCheck(GucVariable var, String name, String text) {
        return runHooks(var, GucValueParser.parse(var.def, name, text));
    }

    private Object runHooks(GucVariable var, Object value) {
        Object checked = value;
        try {
            if (var.def.checkHook() != null) {
                checked = var.def.checkHook().check(checked, this);
            }
            for (GucCheckHook hook : extraHooks.getOrDefault(key(var.name()), List.of())) {
                checked = hook.check(checked, this);
            }
        } catch (GucCheckException e) {
            // Hook failures name the parameter canonically and show the value in its stored form.
            String message = e.customMessage() != null ? e.customMessage()
                    : "invalid value for parameter \"" + var.name() + "\": " + hookValueText(var.def, checked);
            throw new PgException(Severity.ERROR, e.sqlState(), message, e.detail(), e.hint(), 0);
        }
        return checked;
    }

    private static String hookValueText(GucDefinition def, Object value) {
        return switch (def.type()) {
            case BOOL -> ((Boolean) value) ? "1" : "0";
            case INT -> value.toString();
            case REAL -> CNumberFormat.g((Double) value);
            case ENUM -> "\"" + def.enumName((Integer) value) + "\"";
            case STRING -> "\"" + (value == null ? "" : value) + "\"";
        };
    }

    /**
     * RESET ALL ({@code ResetAllOptions}): every parameter a user may SET goes back to its RESET
     * value, transactionally, except those marked NO_RESET_ALL.
     */
    public void resetAll() {
        for (GucVariable var : variables.values()) {
            GucContext ctx = var.def.context();
            if (ctx != GucContext.SUSET && ctx != GucContext.USERSET) {
                continue;
            }
            if (var.def.hasFlag(GucFlag.NO_RESET_ALL) || var.source.setsResetValue()) {
                continue; // not settable by RESET ALL, or never SET in this session
            }
            if (var.pushOldValue(GucAction.SET, nestLevel)) {
                dirty = true;
            }
            if (!Objects.equals(var.value, var.resetValue)) valueChanges++;
            var.value = var.resetValue;
            var.source = var.resetSource;
            var.scontext = var.resetScontext;
            if (var.def.hasFlag(GucFlag.REPORT)) {
                var.needsReport = true;
                reportNeeded = true;
            }
        }
    }

    /** Records where in a configuration file a parameter was last set ({@code set_config_sourcefile}). */
    void setSourceFile(String name, String file, int line) {
        GucVariable var = lookup(name);
        if (var != null) {
            var.sourceFile = file;
            var.sourceLine = line;
        }
    }

    // ------------------------------------------------------------------ transactions

    /** {@code AtStart_GUC}: a top-level transaction begins; changes from now on can be rolled back. */
    public void atTransactionStart() {
        nestLevel = 1;
    }

    /**
     * Gives parameter {@code name} the current value of {@code from}, bypassing check hooks, the
     * stack and the source: what StartTransaction does with {@code XactIsoLevel =
     * DefaultXactIsoLevel} (and XactReadOnly, XactDeferrable). Those parameters describe the
     * current transaction, so each transaction starts from the defaults whatever a committed SET
     * left behind; a rollback of a later SET returns to the value assigned here.
     */
    public void assignFrom(String name, String from) {
        GucVariable target = existing(name), source = existing(from);
        if (target.def.type() != source.def.type()) {
            throw new IllegalArgumentException(name + " and " + from + " have different types");
        }
        if (!Objects.equals(target.value, source.value)) valueChanges++;
        target.value = source.value;
    }

    /** The same with a value of the parameter's own type (restoring a saved one, for AND CHAIN). */
    public void assignValue(String name, Object value) {
        GucVariable var = existing(name);
        if (!Objects.equals(var.value, value)) valueChanges++;
        var.value = value;
    }

    /** A parameter's current value in its parsed form (Boolean, Integer, Double, String, enum code). */
    public Object rawValue(String name) {
        return existing(name).value;
    }

    /** {@code AtEOXact_GUC(true, 1)}: SET values stay, SET LOCAL values are undone. */
    public void atTransactionCommit() {
        atEndOfNestLevel(true, 1);
    }

    /** {@code AtEOXact_GUC(false, 1)}: every change made in the transaction is undone. */
    public void atTransactionAbort() {
        atEndOfNestLevel(false, 1);
    }

    /**
     * {@code NewGUCNestLevel}: opens a level inside the transaction (a subtransaction, or a
     * function with SET clauses) and returns its number for {@link #atEndOfNestLevel}.
     */
    public int newNestLevel() {
        return ++nestLevel;
    }

    /**
     * A counter that changes whenever the current value of any parameter changes (SET, RESET,
     * rollback of a SET, a reload, the per-transaction assignments): equal counts mean every
     * value is as it was, so a caller may reuse what it derived from them.
     */
    public long valueChanges() {
        return valueChanges;
    }

    /** The current nest level (0 outside a transaction). */
    public int nestLevel() {
        return nestLevel;
    }

    /**
     * {@code AtEOXact_GUC}: closes level {@code level} (and any deeper ones left open by an
     * error), keeping or undoing its changes. Committed changes of an inner level become
     * changes of the enclosing level, so an outer rollback still undoes them.
     */
    public void atEndOfNestLevel(boolean commit, int level) {
        if (!dirty) {
            nestLevel = level - 1;
            return;
        }
        boolean stillDirty = false;
        for (GucVariable var : variables.values()) {
            GucStackEntry stack;
            while ((stack = var.stack) != null && stack.nestLevel >= level) {
                GucStackEntry prev = stack.prev;
                boolean restorePrior = false;
                boolean restoreMasked = false;
                if (!commit || stack.state == GucStackEntry.State.SAVE) {
                    restorePrior = true;
                } else if (stack.nestLevel == 1) {
                    switch (stack.state) {
                        case SET_LOCAL -> restoreMasked = true;
                        case SET -> { } // keep the current value
                        default -> restorePrior = true; // LOCAL
                    }
                } else if (prev == null || prev.nestLevel < stack.nestLevel - 1) {
                    // Nothing at the enclosing level yet: the entry simply moves down one level.
                    stack.nestLevel--;
                    continue;
                } else {
                    mergeIntoPrevious(stack, prev);
                }

                if (restorePrior || restoreMasked) {
                    Object newValue;
                    if (restoreMasked) {
                        newValue = stack.masked;
                        var.source = GucSource.SESSION;
                        var.scontext = stack.maskedScontext;
                    } else {
                        newValue = stack.prior;
                        var.source = stack.source;
                        var.scontext = stack.scontext;
                    }
                    boolean changed = !Objects.equals(var.value, newValue);
                    if (changed) valueChanges++;
                    var.value = newValue;
                    if (changed && var.def.hasFlag(GucFlag.REPORT)) {
                        var.needsReport = true;
                        reportNeeded = true;
                    }
                }
                var.stack = prev;
            }
            if (var.stack != null) {
                stillDirty = true;
            }
        }
        dirty = stillDirty;
        nestLevel = level - 1;
    }

    /** Committing an inner level whose enclosing level also changed the parameter. */
    private static void mergeIntoPrevious(GucStackEntry stack, GucStackEntry prev) {
        switch (stack.state) {
            case SET -> {
                // The enclosing level now simply has a SET.
                prev.masked = null;
                prev.state = GucStackEntry.State.SET;
            }
            case LOCAL -> {
                if (prev.state == GucStackEntry.State.SET) {
                    // The outer SET's value is what the inner SET LOCAL hid: it must come back at commit.
                    prev.masked = stack.prior;
                    prev.maskedScontext = stack.scontext;
                    prev.state = GucStackEntry.State.SET_LOCAL;
                }
            }
            case SET_LOCAL -> {
                prev.masked = stack.masked;
                prev.maskedScontext = stack.maskedScontext;
                prev.state = GucStackEntry.State.SET_LOCAL;
            }
            case SAVE -> throw new IllegalStateException("SAVE entries are never merged");
        }
    }

    // ------------------------------------------------------------------ reading values

    /**
     * SHOW name ({@code GetConfigOptionByName}): the value with units. Parameters marked
     * SUPERUSER_ONLY need superuser rights or membership in pg_read_all_settings.
     */
    public String show(String name, boolean mayReadAllSettings) {
        GucVariable var = lookup(name);
        if (var == null) {
            throw unrecognized(name);
        }
        if (var.def.hasFlag(GucFlag.SUPERUSER_ONLY) && !mayReadAllSettings) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "must be superuser or have privileges of pg_read_all_settings to examine \"" + name + "\"");
        }
        return GucValueFormatter.show(var.def, var.value, true);
    }

    /** SHOW name for code that has already checked privileges. */
    public String show(String name) {
        return show(name, true);
    }

    /** SHOW ALL ({@code ShowAllGUCConfig}): every visible parameter, sorted by name. */
    public List<ShowAllRow> showAll(boolean mayReadAllSettings) {
        List<ShowAllRow> rows = new ArrayList<>();
        for (GucVariable var : variables.values()) {
            if (hiddenFrom(var, mayReadAllSettings)) {
                continue;
            }
            rows.add(new ShowAllRow(var.name(), GucValueFormatter.show(var.def, var.value, true), var.def.shortDesc()));
        }
        return rows;
    }

    private static boolean hiddenFrom(GucVariable var, boolean mayReadAllSettings) {
        return var.def.hasFlag(GucFlag.NO_SHOW_ALL)
                || (var.def.hasFlag(GucFlag.SUPERUSER_ONLY) && !mayReadAllSettings);
    }

    /** The value without units, as pg_settings.setting and ParameterStatus show it. */
    public String showRaw(String name) {
        GucVariable var = existing(name);
        return GucValueFormatter.show(var.def, var.value, false);
    }

    /** The value RESET would restore, as text ({@code GetConfigOptionResetString}). */
    public String resetString(String name) {
        GucVariable var = existing(name);
        return GucValueFormatter.show(var.def, var.resetValue, false);
    }

    /** Where the current value came from. */
    public GucSource source(String name) {
        return existing(name).source;
    }

    public boolean getBool(String name) {
        return (Boolean) typed(name, GucType.BOOL);
    }

    public int getInt(String name) {
        return (Integer) typed(name, GucType.INT);
    }

    public double getReal(String name) {
        return (Double) typed(name, GucType.REAL);
    }

    /** A string parameter's value; null when it has none (e.g. data_directory before start-up). */
    public String getString(String name) {
        return (String) typed(name, GucType.STRING);
    }

    /** An enum parameter's value, in its displayed spelling. */
    public String getEnum(String name) {
        GucVariable var = existing(name);
        if (var.def.type() != GucType.ENUM) {
            throw new IllegalArgumentException(name + " is not an enum parameter");
        }
        return var.def.enumName((Integer) var.value);
    }

    private Object typed(String name, GucType type) {
        GucVariable var = existing(name);
        if (var.def.type() != type) {
            throw new IllegalArgumentException(name + " is a " + var.def.type().pgName() + " parameter");
        }
        return var.value;
    }

    private GucVariable existing(String name) {
        GucVariable var = lookup(name);
        if (var == null) {
            throw unrecognized(name);
        }
        return var;
    }

    /** pg_settings: one row per visible parameter ({@code GetConfigOptionValues}). */
    public List<GucSettingRow> settingRows(boolean mayReadAllSettings) {
        List<GucSettingRow> rows = new ArrayList<>();
        for (GucVariable var : variables.values()) {
            if (!hiddenFrom(var, mayReadAllSettings)) {
                rows.add(GucSettingRows.of(var, mayReadAllSettings));
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ reporting to the client

    /**
     * {@code BeginReportingGUCOptions}: after authentication, the values of every REPORT
     * parameter, sorted by name, for the initial ParameterStatus messages. From now on changes
     * are tracked for {@link #takeChangedReportedValues()}.
     */
    public Map<String, String> beginReporting() {
        reportingEnabled = true;
        Map<String, String> all = new LinkedHashMap<>();
        for (GucVariable var : variables.values()) {
            if (var.def.hasFlag(GucFlag.REPORT)) {
                String value = GucValueFormatter.show(var.def, var.value, false);
                all.put(var.name(), value);
                var.lastReported = value;
                var.needsReport = false;
            }
        }
        reportNeeded = false;
        return all;
    }

    /**
     * {@code ReportChangedGUCOptions}: the REPORT parameters whose displayed value differs from
     * what the client was last told, to send as ParameterStatus before ReadyForQuery. Setting a
     * value and then setting it back in one round trip reports nothing.
     */
    public Map<String, String> takeChangedReportedValues() {
        Map<String, String> changed = new LinkedHashMap<>();
        if (!reportingEnabled || !reportNeeded) {
            return changed;
        }
        for (GucVariable var : variables.values()) {
            if (var.def.hasFlag(GucFlag.REPORT) && var.needsReport) {
                String value = GucValueFormatter.show(var.def, var.value, false);
                if (!value.equals(var.lastReported)) {
                    changed.put(var.name(), value);
                    var.lastReported = value;
                }
                var.needsReport = false;
            }
        }
        reportNeeded = false;
        return changed;
    }

    // ------------------------------------------------------------------ handing settings to a new process

    /** One non-default value as the postmaster hands it to a new backend ({@code write_nondefault_variables}). */
    public record NonDefaultValue(String name, String value, GucSource source, GucContext scontext,
                                  String sourceFile, int sourceLine) {}

    /**
     * The values a freshly started backend must adopt to behave as if forked from this process:
     * everything not at its boot default. PostgreSQL writes the same list to a file in
     * EXEC_BACKEND builds, where it cannot fork either.
     */
    public List<NonDefaultValue> exportNonDefault() {
        List<NonDefaultValue> values = new ArrayList<>();
        for (GucVariable var : variables.values()) {
            if (var.source != GucSource.DEFAULT) {
                values.add(new NonDefaultValue(var.name(), GucValueFormatter.show(var.def, var.value, false),
                        var.source, var.scontext, var.sourceFile, var.sourceLine));
            }
        }
        return values;
    }

    /** {@code read_nondefault_variables}: adopts values exported by the postmaster. */
    public void importNonDefault(List<NonDefaultValue> values) {
        for (NonDefaultValue v : values) {
            set(v.name(), v.value(), v.scontext(), v.source(), GucAction.SET, true, true);
            if (v.sourceFile() != null) {
                setSourceFile(v.name(), v.sourceFile(), v.sourceLine());
            }
        }
    }
}
