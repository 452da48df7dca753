package org.tusk.pl.plpgsql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecContext;
import org.tusk.executor.TriggerData;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawStmt;
import org.tusk.parser.Analyzer;
import org.tusk.parser.Parser;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.RecordValue;
import org.tusk.utils.error.PgException;

/**
 * pl_handler.c: the language's call handler (plpgsql_call_handler), validator
 * (plpgsql_validator) and inline handler (plpgsql_inline_handler) for one backend. Compiled
 * functions are cached per function OID and compiled again when the pg_proc row they came from
 * changed (plpgsql_HashTable with its fn_xmin/fn_tid check); the plans inside them are kept
 * across calls (see {@link PlSql}).
 *
 * <p>Trigger functions (RETURNS trigger) come in through {@link #callTrigger} with the firing's
 * TriggerData, which fills NEW, OLD and TG_* ({@link PlTrigger}, plpgsql_exec_trigger). As in
 * plpgsql_HashKey, a trigger function is compiled once per table it is used on.
 */
public final class PlpgsqlHandler {
    /** How deeply PL/pgSQL functions may call each other before 54001, standing in for max_stack_depth. */
    static final int MAX_DEPTH = 200;
    /** TRIGGEROID, the pseudo-type of trigger functions. */
    private static final int TRIGGER_TYPE = 2279;

    private final PlHost host;
    private final PlSql sql;
    /** Compiled functions by OID, and by OID and table for trigger functions (the table in the high half). */
    private final Map<Long, Cached> cache = new HashMap<>();
    private int depth;

    private record Cached(SqlFunction source, PlTree.Function compiled) {}

    public PlpgsqlHandler(PlHost host) {
        this.host = host;
        this.sql = new PlSql(host);
    }

    /** plpgsql_call_handler for a function returning one value. */
    public Object call(SqlFunction f, Object[] args, ExecContext caller) {
        PlFrame frame = execute(f, args, caller);
        if (!f.outColumns().isEmpty()) {
            // OUT parameters: their values are the result (a record when there are several)
            List<PlTree.Datum> outs = frame.fn.outParams();
            if (outs.size() == 1) return frame.values[outs.get(0).dno()];
            List<Object> vals = new ArrayList<>();
            List<Integer> types = new ArrayList<>();
            for (PlTree.Datum d : outs) {
                vals.add(frame.values[d.dno()]);
                types.add(d.type());
            }
            return new RecordValue(TypeOids.RECORD, types, vals, f.outColumns().stream().map(c -> c.name()).toList());
        }
        if (f.resultType() == TypeOids.VOID) return org.tusk.utils.adt.VoidValue.VOID;
        return frame.returnValue;
    }

    /** The result rows of a set-returning call, or the one row of OUT parameters of a record-returning one. */
    public List<Object[]> callSet(SqlFunction f, Object[] args, ExecContext caller) {
        PlFrame frame = execute(f, args, caller);
        if (f.retset()) return frame.resultRows;
        List<PlTree.Datum> outs = frame.fn.outParams();
        Object[] row = new Object[Math.max(1, outs.size())];
        if (outs.isEmpty()) row[0] = frame.returnValue;
        for (int i = 0; i < outs.size(); i++) row[i] = frame.values[outs.get(i).dno()];
        List<Object[]> l = new ArrayList<>();
        l.add(row);
        return l;
    }

    /** plpgsql_validator: compiles the body, reporting its syntax errors. */
    public void validate(SqlFunction f, ExecContext caller) {
        if (f.resultType() == TRIGGER_TYPE) {
            compileTrigger(f, caller);
            return;
        }
        compile(f, caller, 0);
    }

    /** plpgsql_inline_handler: DO's code block, compiled and run once as a function returning void. */
    public void inline(String code, ExecContext caller) {
        PlCompiler.Signature sig = new PlCompiler.Signature("inline_code_block", "inline_code_block", List.of(), List.of(),
                null, List.of(), TypeOids.VOID, false, true);
        PlTree.Function fn = PlCompiler.compile(code, sig, types(caller), host.session().scanSettings());
        run(fn, new Object[0], caller, true);
    }

    /**
     * plpgsql_call_handler's trigger branch (plpgsql_exec_trigger): runs trigger function
     * {@code f} for one firing. Returns the row a BEFORE or INSTEAD OF row trigger goes on with,
     * null to skip the row (and for every other kind of trigger, whose result is ignored).
     */
    public Object[] callTrigger(SqlFunction f, TriggerData td, ExecContext caller) {
        PlTree.Function fn = compile(f, caller, td.relation().oid());
        String schema = caller.env().catalog().namespaceName(td.relation().namespace());
        PlFrame frame = enter(fn, caller, fr -> {
            // plpgsql_exec_trigger's readonly_func: only a VOLATILE function's statements increment the command counter
            fr.readOnly = f.volatility() != org.tusk.catalog.PgProc.Volatility.VOLATILE;
            PlTrigger.bind(fr, td, schema);
            fr.transitionTables = PlTransitionTables.of(td);
        }, new Object[0]);
        try {
            return PlTrigger.result(td, frame.returnValue);
        } catch (PgException e) {
            throw e.withContext("PL/pgSQL function " + fn.signature() + " during function exit");
        }
    }

    /** The validator's compile of a trigger function (plpgsql_validator with its fake TriggerData). */
    private PlTree.Function compileTrigger(SqlFunction f, ExecContext caller) {
        return compile(f, caller, 0);
    }

    private PlFrame execute(SqlFunction f, Object[] args, ExecContext caller) {
        if (f.resultType() == TRIGGER_TYPE) {
            // do_compile refuses it, so the error carries the compilation's CONTEXT line
            throw PgException.error("0A000", "trigger functions can only be called as triggers")
                    .withContext("compilation of PL/pgSQL function \"" + f.name() + "\" near line 1");
        }
        return run(compile(f, caller, 0), args, caller, f.volatility() != org.tusk.catalog.PgProc.Volatility.VOLATILE);
    }

    private PlFrame run(PlTree.Function fn, Object[] args, ExecContext caller, boolean readOnly) {
        return enter(fn, caller, frame -> {
            frame.readOnly = readOnly;
            for (int i = 0; i < fn.argDnos().length; i++) {
                int dno = fn.argDnos()[i];
                if (isPolymorphic(frame.types[dno])) frame.types[dno] = actualType(args[i], frame.types[dno]);
            }
        }, args);
    }

    /** One call, one level deeper: a new frame, prepared by {@code setup}, run with {@code args}. */
    private PlFrame enter(PlTree.Function fn, ExecContext caller, java.util.function.Consumer<PlFrame> setup, Object[] args) {
        if (depth >= MAX_DEPTH) {
            throw org.tusk.utils.error.StackDepth.exceeded();
        }
        depth++;
        try {
            PlFrame frame = new PlFrame(fn);
            setup.accept(frame);
            new PlExec(sql, host, frame, caller).run(args);
            return frame;
        } finally {
            depth--;
        }
    }

    private static boolean isPolymorphic(int t) {
        return t == TypeOids.ANYELEMENT || t == TypeOids.ANYARRAY || t == TypeOids.ANYCOMPATIBLE
                || t == TypeOids.ANYCOMPATIBLEARRAY || t == TypeOids.ANYNONARRAY || t == 3500
                || t == org.tusk.utils.adt.RangeTypes.ANYRANGE || t == TypeOids.ANYCOMPATIBLERANGE;
    }

    /**
     * The actual type of a polymorphic argument. Calls do not pass argument types to the
     * handler yet (fmgr's get_fn_expr_argtype), so it is read off the value's representation.
     */
    private static int actualType(Object v, int declared) {
        return switch (v) {
            case null -> TypeOids.TEXT;
            case Integer i -> TypeOids.INT4;
            case Long l -> TypeOids.INT8;
            case Short s -> TypeOids.INT2;
            case Boolean b -> TypeOids.BOOL;
            case Double d -> TypeOids.FLOAT8;
            case Float f -> TypeOids.FLOAT4;
            case java.math.BigDecimal b -> TypeOids.NUMERIC;
            case String s -> TypeOids.TEXT;
            case RecordValue r -> r.typeOid();
            case org.tusk.utils.adt.RangeValue r -> r.typeOid();
            case ArrayValue a -> {
                int arr = org.tusk.catalog.ArrayTypes.arrayOf(a.elemType());
                yield arr == 0 ? declared : arr;
            }
            default -> declared;
        };
    }

    /** The compiled function, from the cache while its pg_proc row is unchanged. */
    private PlTree.Function compile(SqlFunction f, ExecContext caller, int triggerRelid) {
        long key = ((long) triggerRelid << 32) | (f.oid() & 0xffffffffL);
        Cached c = cache.get(key);
        if (c != null && c.source().equals(f) && f.oid() != 0) return c.compiled();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < f.argTypes().size(); i++) names.add(f.argName(i) == null ? "" : f.argName(i));
        // do_compile: a procedure's OUT parameter is also one of its input arguments (CALL passes a
        // placeholder for it), so it is bound like an INOUT one
        String modes = f.procedure() && f.argModes() != null ? f.argModes().replace('o', 'b') : f.argModes();
        PlCompiler.Signature sig = new PlCompiler.Signature(f.name(), signature(f), f.argTypes(), names, modes,
                f.outColumns(), f.resultType(), f.retset(), false);
        PlTree.Function fn = PlCompiler.compile(f.body(), sig, types(caller), host.session().scanSettings());
        if (f.oid() != 0) cache.put(key, new Cached(f, fn));
        return fn;
    }

    /** format_procedure's "f(integer,text)" as the CONTEXT lines show it. */
    private static String signature(SqlFunction f) {
        StringBuilder sb = new StringBuilder(f.name()).append('(');
        for (int i = 0; i < f.argTypes().size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(org.tusk.catalog.BuiltinCatalog.formatType(f.argTypes().get(i)));
        }
        return sb.append(')').toString();
    }

    /**
     * parse_datatype and the %TYPE / %ROWTYPE lookups of pl_comp.c: a type name is analysed as
     * the cast of a NULL (what typeStringToTypeName does with its own grammar entry point), a
     * column's type as the type of the column in a query over its table.
     */
    private PlCompiler.Types types(ExecContext caller) {
        return text -> {
            String t = text.strip();
            String lower = t.toLowerCase(java.util.Locale.ROOT);
            String query;
            if (lower.endsWith("%rowtype")) {
                query = "SELECT NULL::" + t.substring(0, t.length() - "%rowtype".length()).strip();
            } else if (lower.endsWith("%type")) {
                String ref = t.substring(0, t.length() - "%type".length()).strip();
                int dot = ref.lastIndexOf('.');
                if (dot < 0) throw PgException.error("42704", "variable \"" + ref + "\" does not exist");
                query = "SELECT " + ref + " FROM " + ref.substring(0, dot);
            } else {
                query = "SELECT NULL::" + t;
            }
            List<RawStmt> raws;
            try {
                raws = Parser.parse(query, host.session().scanSettings());
            } catch (PgException e) {
                throw PgException.error("42704", "type \"" + t + "\" does not exist");
            }
            Query q = Analyzer.analyze(raws.get(0), query, host.relations(), host.statementEnvironment(), caller.inputSettings(),
                    host.session().currentDatabase(), null);
            Query.TargetEntry te = q.targetList().get(0);
            int typmod = te.expr().typmod();   // exprTypmod: varchar(2) is a length coercion of the NULL
            return new int[] {te.expr().type(), typmod};
        };
    }
}
