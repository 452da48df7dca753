package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.FunctionDdl;
import org.tusk.catalog.SqlFunction;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * LookupFuncWithArgs (parse_func.c) for FUNCTION, PROCEDURE and ROUTINE objects of DROP and ALTER:
 * the user-defined routine a {@link Stmt.DropFunctionStmt.FunctionRef} names, with PostgreSQL's
 * messages, which name the object kind the statement wrote. A function's signature is its input
 * parameters (a window function is a function here); a procedure's includes its OUT parameters (PostgreSQL 14 and later), so for PROCEDURE
 * and ROUTINE the full written list is tried first, then the input-only one. A routine of the
 * wrong kind is "is not a function" / "is not a procedure" (42809).
 */
final class RoutineLookup {
    private RoutineLookup() {}

    /**
     * The routine {@code ref} names, or null when it does not exist and {@code missingOk}
     * (the caller then reports "... does not exist, skipping").
     */
    static SqlFunction lookup(FunctionDdl functions, Stmt.DropFunctionStmt.FunctionRef ref, String queryString,
                              boolean missingOk) {
        String objtype = ref.objtype();
        List<String> qn = ref.name();
        String schema = qn.size() == 2 ? qn.get(0) : null;
        String name = qn.get(qn.size() - 1);
        String shown = String.join(".", qn);
        List<SqlFunction> cands = new ArrayList<>();
        if (!objtype.equals("procedure")) {
            cands.addAll(functions.candidates(schema, name));
            cands.addAll(functions.windowCandidates(schema, name));
        }
        if (!objtype.equals("function")) cands.addAll(functions.procedureCandidates(schema, name));
        SqlFunction found = null;
        if (ref.argTypes() == null) {
            if (cands.size() > 1) {
                throw new PgException(Severity.ERROR, "42725", objtype + " name \"" + shown + "\" is not unique", null,
                        "Specify the argument list to select the " + objtype + " unambiguously.", 0);
            }
            if (cands.isEmpty()) {
                if (missingOk) return null;
                throw PgException.error(SqlState.UNDEFINED_FUNCTION, "could not find a " + objtype + " named \"" + shown + "\"");
            }
            found = cands.get(0);
        } else {
            List<Integer> in = resolve(ref.argTypes(), queryString);
            List<Integer> all = resolve(ref.allTypes(), queryString);
            List<SqlFunction> every = new ArrayList<>(functions.candidates(schema, name));
            every.addAll(functions.procedureCandidates(schema, name));
            every.addAll(functions.windowCandidates(schema, name));
            if (!objtype.equals("function")) {
                for (SqlFunction f : every) if (f.procedure() && f.argTypes().equals(all)) found = f;
            }
            if (found == null) for (SqlFunction f : every) if (f.argTypes().equals(in)) found = f;
            if (found == null) {
                if (missingOk) return null;
                throw PgException.error(SqlState.UNDEFINED_FUNCTION, objtype + " " + shown + "(" + signatureArgs(in)
                        + ") does not exist");
            }
        }
        if (objtype.equals("function") && found.procedure()) {
            throw PgException.error("42809", FunctionDdl.signature(found) + " is not a function");
        }
        if (objtype.equals("procedure") && !found.procedure()) {
            throw PgException.error("42809", FunctionDdl.signature(found) + " is not a procedure");
        }
        return found;
    }

    private static List<Integer> resolve(List<TypeName> names, String queryString) {
        List<Integer> out = new ArrayList<>();
        for (TypeName tn : names) out.add(ParseCoerce.resolveTypeName(tn, queryString).oid());
        return out;
    }

    /** func_signature_string's argument part: "integer, text". */
    static String signatureArgs(List<Integer> types) {
        List<String> s = new ArrayList<>();
        for (int t : types) s.add(BuiltinCatalog.formatType(t));
        return String.join(", ", s);
    }
}
