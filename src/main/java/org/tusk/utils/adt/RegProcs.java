package org.tusk.utils.adt;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.ObjectNames;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The object-identifier types regproc and regprocedure (PostgreSQL's utils/adt/regproc.c
 * regprocin/regprocout, regprocedurein/regprocedureout): a pg_proc OID read and printed as the
 * function's name (regproc) or its name with argument types (regprocedure). The functions are
 * those users created (pg_proc rows, through {@link ObjectNames#rows}) and the built-ins
 * ({@link BuiltinCatalog#functions}), whose OIDs are pg_proc.dat's where PostgreSQL has the
 * function (their pg_proc rows are found too; a row of the same argument types as a built-in is
 * the same function and counted once). As for the other reg* types,
 * a number is accepted as any OID, 0 prints as "-" and an OID without a function prints as the
 * number.
 */
public final class RegProcs {
    private RegProcs() {}

    public static final int REGPROC = 24, REGPROCEDURE = 2202;

    /** A candidate function: its OID, name, namespace and argument types. */
    private record Candidate(int oid, String name, int namespace, List<Integer> argTypes) {}

    /** regprocin: FuncnameGetCandidates(name, any number of arguments); exactly one must match. */
    public static Long regprocIn(String s) {
        Long n = RegTypes.numeric(s);
        if (n != null) return n;
        List<String> names = RegTypes.qualifiedName(s);
        List<Candidate> found = candidates(names);
        if (found.isEmpty()) {
            throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function \"" + s + "\" does not exist");
        }
        if (found.size() > 1) {
            throw PgException.error(SqlState.AMBIGUOUS_FUNCTION, "more than one function named \"" + s + "\"");
        }
        return found.get(0).oid() & 0xFFFFFFFFL;
    }

    /** regprocout: the name, schema-qualified if it does not identify the function alone on the search path. */
    public static String regprocOut(Object v) {
        int oid = ((Number) v).intValue();
        if (oid == 0) return "-";
        Candidate c = byOid(oid);
        if (c == null) return Integer.toUnsignedString(oid);
        List<Candidate> same = candidates(List.of(c.name()));
        if (same.size() == 1 && same.get(0).oid() == oid) return c.name();
        return qualified(c);
    }

    /** regprocedurein: "name(type, ...)", the argument types as regtypein reads them. */
    public static Long regprocedureIn(String s) {
        Long n = RegTypes.numeric(s);
        if (n != null) return n;
        String t = s.strip();
        int open = t.indexOf('('), close = t.lastIndexOf(')');
        if (open < 0 || close < open || !t.substring(close + 1).isBlank()) {
            throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "expected a left parenthesis");
        }
        List<String> names = RegTypes.qualifiedName(t.substring(0, open));
        List<Integer> argTypes = new ArrayList<>();
        String inner = t.substring(open + 1, close).strip();
        if (!inner.isEmpty()) {
            for (String a : splitArgs(inner)) argTypes.add(RegTypes.regtypeIn(a).intValue());
        }
        for (Candidate c : candidates(names)) {
            if (c.argTypes().equals(argTypes)) return c.oid() & 0xFFFFFFFFL;
        }
        throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function \"" + s + "\" does not exist");
    }

    /** regprocedureout (format_procedure): name(type,type), qualified if not visible. */
    public static String regprocedureOut(Object v) {
        int oid = ((Number) v).intValue();
        if (oid == 0) return "-";
        Candidate c = byOid(oid);
        if (c == null) return Integer.toUnsignedString(oid);
        StringBuilder sb = new StringBuilder();
        boolean visible = false;
        for (Candidate o : candidates(List.of(c.name()))) {
            if (o.argTypes().equals(c.argTypes())) {
                visible = o.oid() == oid;
                break;
            }
        }
        sb.append(visible ? RegTypes.quote(c.name()) : qualified(c)).append('(');
        for (int i = 0; i < c.argTypes().size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(FormatType.formatBe(c.argTypes().get(i)));
        }
        return sb.append(')').toString();
    }

    private static String qualified(Candidate c) {
        String nsp = ObjectNames.current().namespaceName(c.namespace());
        return (nsp == null ? "" : RegTypes.quote(nsp) + ".") + RegTypes.quote(c.name());
    }

    /** Splits "a, numeric(10,2), c" at the commas outside parentheses and quotes. */
    private static List<String> splitArgs(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') quoted = !quoted;
            else if (!quoted && ch == '(') depth++;
            else if (!quoted && ch == ')') depth--;
            else if (!quoted && depth == 0 && ch == ',') {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(s.substring(start).strip());
        return out;
    }

    /**
     * FuncnameGetCandidates without an argument count: the functions of that name in the schema
     * given, else on the search path, a function of a later schema hidden by one with the same
     * argument types earlier on the path. Built-ins are in pg_catalog.
     */
    private static List<Candidate> candidates(List<String> names) {
        if (names.size() > 2) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "improper qualified name (too many dotted names): "
                    + String.join(".", names));
        }
        ObjectNames on = ObjectNames.current();
        String name = names.get(names.size() - 1);
        List<Integer> path;
        if (names.size() == 2) {
            int nsp = on.namespaceOid(names.get(0));
            if (nsp == 0) throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + names.get(0) + "\" does not exist");
            path = List.of(nsp);
        } else {
            path = new ArrayList<>(on.searchPath());
            if (!path.contains(SystemCatalogs.PG_CATALOG_NAMESPACE)) path.add(0, SystemCatalogs.PG_CATALOG_NAMESPACE);
        }
        List<Candidate> out = new ArrayList<>();
        for (int nsp : path) {
            List<Candidate> here = new ArrayList<>();
            if (nsp == SystemCatalogs.PG_CATALOG_NAMESPACE) {
                for (PgProc p : BuiltinCatalog.functions(name)) {
                    here.add(new Candidate(p.oid(), p.name(), nsp, p.argTypes()));
                }
            }
            for (Object[] r : on.rows(PG_PROC, v -> name.equals(PG_PROC.get(v, "proname"))
                    && oid(PG_PROC.get(v, "pronamespace")) == nsp)) {
                here.add(fromRow(r));
            }
            for (Candidate c : here) {
                if (out.stream().noneMatch(o -> o.argTypes().equals(c.argTypes()))) out.add(c);
            }
        }
        return out;
    }

    private static Candidate byOid(int oid) {
        PgProc p = BuiltinCatalog.functionByOid(oid);
        if (p != null) return new Candidate(p.oid(), p.name(), SystemCatalogs.PG_CATALOG_NAMESPACE, p.argTypes());
        List<Object[]> rows = ObjectNames.current().rows(PG_PROC, v -> oid(PG_PROC.get(v, "oid")) == oid);
        return rows.isEmpty() ? null : fromRow(rows.get(0));
    }

    private static Candidate fromRow(Object[] r) {
        int[] args = (int[]) PG_PROC.get(r, "proargtypes");
        List<Integer> types = new ArrayList<>();
        for (int a : args) types.add(a);
        return new Candidate(oid(PG_PROC.get(r, "oid")), (String) PG_PROC.get(r, "proname"),
                oid(PG_PROC.get(r, "pronamespace")), types);
    }
}
