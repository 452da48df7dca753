package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.Token.Kind;

/**
 * gram.y's CreateFunctionStmt and RemoveFuncStmt (DROP FUNCTION). Arguments are IN arguments
 * with an optional name and DEFAULT, or OUT/INOUT/VARIADIC ones; RETURNS TABLE; the routine kind
 * (FUNCTION, PROCEDURE, WINDOW) and the security options (SECURITY DEFINER, LEAKPROOF, SET clauses)
 * are collected in {@link Stmt.FunctionAttributes}. TRANSFORM, SUPPORT and SET ... FROM CURRENT are
 * valid PostgreSQL that Tusk does not run yet (0A000).
 * A SQL-standard body (RETURN expr, BEGIN ATOMIC ... END) is kept as SQL text.
 */
final class FunctionGrammar {
    private final Parser p;
    private final String src;

    /** Type names that start a multi-word type ("double precision"): never an argument's name. */
    private static final Set<String> TYPE_STARTS = Set.of("double", "character", "char", "national", "nchar", "bit",
            "timestamp", "time", "interval", "varchar", "int", "integer", "smallint", "bigint", "real", "float",
            "numeric", "decimal", "dec", "boolean");

    FunctionGrammar(Parser p, String src) {
        this.p = p;
        this.src = src;
    }

    private List<String> anyName() {
        List<String> n = new ArrayList<>();
        n.add(p.colId());
        while (p.acceptChar('.')) n.add(p.colId());
        return n;
    }

    Stmt create() {
        int location = p.peek().start();
        p.expectKw("create");
        boolean replace = false;
        if (p.acceptKw("or")) {
            // REPLACE is an unreserved keyword of PostgreSQL that Tusk's lexer leaves an identifier (replace() is a function)
            if (!p.peek().is(Kind.IDENT) || !p.peek().value().equals("replace")) throw p.syntaxError(p.peek());
            p.advance();
            replace = true;
        }
        boolean procedure = p.acceptKw("procedure");
        if (!procedure) p.expectKw("function");
        List<String> name = anyName();
        List<Stmt.FunctionParameter> params = parameters(true);
        TypeName returns = null;
        boolean retset = false;
        if (p.acceptKw("returns")) {
            if (p.acceptKw("table")) {
                // RETURNS TABLE (name type, ...): gram.y's table_func_column list, FUNC_PARAM_TABLE parameters
                // of a SETOF function whose result type comes from them
                params = new ArrayList<>(params);
                p.expectChar('(');
                do {
                    int at = p.peek().start();
                    String col = p.colId();
                    params.add(new Stmt.FunctionParameter(col, p.typeName(), null, null, 't', at));
                } while (p.acceptChar(','));
                p.expectChar(')');
                retset = true;
            } else {
                if (p.acceptKw("setof")) retset = true;
                returns = p.typeName();
            }
        }
        String language = null, volatility = null, asText = null, asLink = null, sqlBody = null, cost = null, rows = null;
        Boolean strict = null;
        int bodyLocation = -1;
        boolean window = false, definer = false, leakproof = false;
        int leakproofAt = -1;
        List<Stmt.VariableSetStmt> settings = new ArrayList<>();
        while (true) {
            Token t = p.peek();
            if (p.acceptKw("language")) {
                Token l = p.advance();
                language = l.value().toLowerCase(java.util.Locale.ROOT);
                if (l.is(Kind.SCONST)) language = l.value();
            } else if (p.isKw("immutable") || p.isKw("stable") || p.isKw("volatile")) {
                volatility = p.advance().keyword();
            } else if (p.acceptKw("strict")) {
                strict = true;
            } else if (p.isKw("returns") && p.peek(1).isKeyword("null")) {
                p.advance();
                p.advance();
                p.expectKw("on");
                p.expectKw("null");
                p.expectKw("input");
                strict = true;
            } else if (p.acceptKw("called")) {
                p.expectKw("on");
                p.expectKw("null");
                p.expectKw("input");
                strict = false;
            } else if (p.isKw("not") && p.peek(1).isKeyword("leakproof")) {
                p.advance();
                p.advance();   // NOT LEAKPROOF is the default
                leakproof = false;
            } else if (p.acceptKw("leakproof")) {
                leakproof = true;
                leakproofAt = t.start();
            } else if (p.isKw("external") || p.isKw("security")) {
                p.acceptKw("external");
                p.expectKw("security");
                definer = p.acceptKw("definer");
                if (!definer) p.expectKw("invoker");
            } else if (p.isKw("set")) {
                settings.add(functionSet());
            } else if (p.acceptKw("window")) {
                window = true;
            } else if (p.acceptKw("parallel")) {
                p.colId();   // UNSAFE | RESTRICTED | SAFE: Tusk runs no parallel plans
            } else if (p.isKw("cost") || p.isKw("rows")) {
                boolean isCost = p.advance().keyword().equals("cost");
                Token v = p.advance();
                String num = v.value();
                if (v.isChar('-')) num = "-" + p.advance().value();
                if (isCost) cost = num;
                else rows = num;
            } else if (p.acceptKw("as")) {
                if (asText != null || sqlBody != null) throw duplicateBody(t);
                Token b = p.peek();
                asText = p.sconst();
                bodyLocation = b.start();
                if (p.acceptChar(',')) asLink = p.sconst();
            } else if (p.isKw("return")) {
                if (asText != null || sqlBody != null) throw duplicateBody(t);
                p.advance();
                int start = p.peek().start();
                p.aExpr();
                sqlBody = "SELECT " + src.substring(start, p.peek().start()).strip();
                bodyLocation = start - "SELECT ".length();
            } else if (p.isKw("begin") && p.peek(1).isKeyword("atomic")) {
                if (asText != null || sqlBody != null) throw duplicateBody(t);
                p.advance();
                p.advance();
                // the statements as SQL text (Parser.parseRoutineBody reads them back, RETURN
                // included); positions inside refer to this text, so errors in it carry no statement position
                StringBuilder body = new StringBuilder();
                while (!p.isKw("end")) {
                    if (p.peek().is(Kind.EOF)) throw p.syntaxError(p.peek());
                    if (p.acceptChar(';')) continue;
                    int start;
                    if (p.acceptKw("return")) {
                        start = p.peek().start();
                        p.aExpr();
                        body.append("RETURN ");
                    } else {
                        start = p.peek().start();
                        p.stmt();
                    }
                    body.append(src, start, p.peek().start()).append(";\n");
                }
                sqlBody = body.toString();
                bodyLocation = -1;
                p.expectKw("end");
            } else if (p.isKw("transform") || p.isKw("support")) {
                throw p.notSupported("CREATE FUNCTION ... " + t.value().toUpperCase(java.util.Locale.ROOT), t.start());
            } else {
                break;
            }
        }
        return new Stmt.CreateFunctionStmt(replace, name, params, returns, retset, language, volatility, strict, asText,
                asLink, sqlBody, bodyLocation, location,
                new Stmt.FunctionAttributes(procedure, window, definer, leakproof, List.copyOf(settings), leakproofAt, cost, rows));
    }

    /**
     * CALL func_application (gram.y CallStmt): the call is parsed as a function call; anything
     * else after CALL is a syntax error.
     */
    Stmt call() {
        int location = p.peek().start();
        p.expectKw("call");
        Token at = p.peek();
        org.tusk.nodes.RawExpr e = p.aExpr();
        if (!(e instanceof org.tusk.nodes.RawExpr.FuncCall fc)) throw p.syntaxError(at);
        return new Stmt.CallStmt(fc, location);
    }

    /**
     * FunctionSetResetClause's SET half: SET name {TO | =} value | SET name FROM CURRENT is not
     * taken (0A000); RESET only exists for ALTER FUNCTION.
     */
    private Stmt.VariableSetStmt functionSet() {
        Token t = p.peek();
        Stmt s = p.setStmt();
        if (!(s instanceof Stmt.VariableSetStmt v) || v.isLocal()) {
            throw p.notSupported("CREATE FUNCTION ... SET FROM CURRENT", t.start());
        }
        return v;
    }

    /** "duplicate function body specified" (gram.y/functioncmds.c: AS and a SQL-standard body, or two of them). */
    private static org.tusk.utils.error.PgException duplicateBody(Token t) {
        return org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.SYNTAX_ERROR,
                "duplicate function body specified");
    }

    /** func_args_with_defaults (or, for DROP, func_args): "(...)". */
    private List<Stmt.FunctionParameter> parameters(boolean withDefaults) {
        p.expectChar('(');
        List<Stmt.FunctionParameter> out = new ArrayList<>();
        if (p.acceptChar(')')) return out;
        do out.add(parameter(p, src, withDefaults)); while (p.acceptChar(','));
        p.expectChar(')');
        return out;
    }

    /**
     * func_arg [DEFAULT a_expr | = a_expr]: [arg_class] [param_name] [arg_class] func_type, where
     * arg_class is IN, OUT, INOUT (IN OUT) or VARIADIC. A leading identifier is the parameter's
     * name when a type follows it (gram.y decides this by its grammar; here by what comes next).
     */
    static Stmt.FunctionParameter parameter(Parser p, String src, boolean withDefaults) {
        char mode = argClass(p);
        String name = null;
        Token n = p.peek(), after = p.peek(1);
        boolean nameFirst = n.is(Kind.IDENT) && after.is(Kind.IDENT)
                && !(n.keyword() != null && TYPE_STARTS.contains(n.keyword()))
                && !TYPE_STARTS.contains(n.value()) && !after.isKeyword("default") && !after.isKeyword("order");
        if (nameFirst) {
            name = p.colId();
            char m = argClass(p);
            if (m != 0) {
                if (mode != 0) throw p.syntaxError(p.peek());
                mode = m;
            }
        }
        TypeName type = p.typeName();
        String defaultSql = null;
        RawExpr defaultExpr = null;
        if (withDefaults && (p.acceptKw("default") || p.acceptChar('='))) {
            int start = p.peek().start();
            defaultExpr = p.aExpr();
            defaultSql = src.substring(start, p.peek().start()).strip();
        }
        return new Stmt.FunctionParameter(name, type, defaultSql, defaultExpr, mode == 0 ? 'i' : mode, n.start());
    }

    /** arg_class: 'i', 'o', 'b' (INOUT or IN OUT), 'v' (VARIADIC), or 0 when none is written. */
    private static char argClass(Parser p) {
        if (p.acceptKw("in")) return p.acceptKw("out") ? 'b' : 'i';
        if (p.acceptKw("out")) return 'o';
        if (p.acceptKw("inout")) return 'b';
        if (p.acceptKw("variadic")) return 'v';
        return 0;
    }

    /**
     * ALTER FUNCTION name [(args)] {RENAME TO n | OWNER TO r | SET SCHEMA s | alterfunc_opt_list [RESTRICT]}
     * and ALTER AGGREGATE name (aggr_args) {RENAME TO | OWNER TO | SET SCHEMA}.
     */
    Stmt alter() {
        p.expectKw("alter");
        boolean aggregate = p.acceptKw("aggregate");
        String objtype = aggregate ? "aggregate" : routineKind();
        List<String> name = anyName();
        List<TypeName> types = null;
        if (aggregate) {
            List<Stmt.FunctionParameter> args = new ArrayList<>();
            types = new ArrayList<>();
            AggregateGrammar.aggrArgs(p, src, args);
            for (Stmt.FunctionParameter a : args) types.add(a.type());
        }
        List<TypeName> allTypes = types;
        if (!aggregate && p.isChar('(')) {
            types = new ArrayList<>();
            allTypes = new ArrayList<>();
            for (Stmt.FunctionParameter a : parameters(false)) {
                if (a.mode() != 'o') types.add(a.type());
                allTypes.add(a.type());
            }
        }
        Stmt.DropFunctionStmt.FunctionRef ref = new Stmt.DropFunctionStmt.FunctionRef(name, types, allTypes, objtype);
        if (p.acceptKw("rename")) {
            p.expectKw("to");
            return new Stmt.AlterFunctionStmt(aggregate, ref, p.colId(), null, List.of());
        }
        if (p.acceptKw("owner")) {
            p.expectKw("to");
            return new Stmt.AlterFunctionOwnerStmt(aggregate, ref, new RoleGrammar(p, src).roleSpec());
        }
        if (p.isKw("set") && p.peek(1).isKeyword("schema")) {
            p.advance();
            p.advance();
            return new Stmt.AlterFunctionStmt(aggregate, ref, null, p.colId(), List.of());
        }
        if (aggregate) throw p.syntaxError(p.peek());
        List<Stmt.DefElem> actions = new ArrayList<>();
        List<Stmt.VariableSetStmt> settings = new ArrayList<>();
        while (true) {
            Token t = p.peek();
            if (p.isKw("immutable") || p.isKw("stable") || p.isKw("volatile")) {
                actions.add(new Stmt.DefElem("volatility", p.advance().keyword(), t.start()));
            } else if (p.acceptKw("strict")) {
                actions.add(new Stmt.DefElem("strict", "true", t.start()));
            } else if (p.isKw("returns") && p.peek(1).isKeyword("null")) {
                p.advance();
                p.advance();
                p.expectKw("on");
                p.expectKw("null");
                p.expectKw("input");
                actions.add(new Stmt.DefElem("strict", "true", t.start()));
            } else if (p.acceptKw("called")) {
                p.expectKw("on");
                p.expectKw("null");
                p.expectKw("input");
                actions.add(new Stmt.DefElem("strict", "false", t.start()));
            } else if (p.isKw("not") && p.peek(1).isKeyword("leakproof")) {
                p.advance();
                p.advance();
                actions.add(new Stmt.DefElem("leakproof", "false", t.start()));
            } else if (p.acceptKw("leakproof")) {
                actions.add(new Stmt.DefElem("leakproof", "true", t.start()));
            } else if (p.isKw("external") || p.isKw("security")) {
                p.acceptKw("external");
                p.expectKw("security");
                boolean definer = p.acceptKw("definer");
                if (!definer) p.expectKw("invoker");
                actions.add(new Stmt.DefElem("security", definer ? "true" : "false", t.start()));
            } else if (p.acceptKw("parallel")) {
                actions.add(new Stmt.DefElem("parallel", p.colId(), t.start()));
            } else if (p.isKw("cost") || p.isKw("rows")) {
                String what = p.advance().keyword();
                Token v = p.advance();
                String num = v.value();
                if (v.isChar('-')) num = "-" + p.advance().value();
                actions.add(new Stmt.DefElem(what, num, t.start()));
            } else if (p.isKw("set") || p.isKw("reset")) {
                // FunctionSetResetClause: kept as the VariableSetStmt, applied to proconfig by AlterFunction
                Stmt set = p.isKw("set") ? p.setStmt() : p.resetStmt();
                if (!(set instanceof Stmt.VariableSetStmt v) || v.isLocal()) {
                    throw p.notSupported("ALTER FUNCTION ... SET FROM CURRENT", t.start());
                }
                settings.add(v);
            } else {
                break;
            }
        }
        if (actions.isEmpty() && settings.isEmpty()) throw p.syntaxError(p.peek());
        p.acceptKw("restrict");
        return new Stmt.AlterFunctionStmt(false, ref, null, null, actions, List.copyOf(settings));
    }

    /** function_with_argtypes: name [(args)] (DROP FUNCTION, COMMENT ON FUNCTION). */
    Stmt.DropFunctionStmt.FunctionRef functionRef() {
        return functionRef("function");
    }

    /** function_with_argtypes for an object of kind {@code objtype} ("function", "procedure", "routine"). */
    Stmt.DropFunctionStmt.FunctionRef functionRef(String objtype) {
        List<String> name = anyName();
        List<TypeName> types = null, allTypes = null;
        if (p.isChar('(')) {
            types = new ArrayList<>();
            allTypes = new ArrayList<>();
            // func_args: OUT parameters are not part of a function's signature (extractArgTypes),
            // but are of a procedure's, so both lists are kept for LookupFuncWithArgs
            for (Stmt.FunctionParameter a : parameters(false)) {
                if (a.mode() != 'o') types.add(a.type());
                allTypes.add(a.type());
            }
        }
        return new Stmt.DropFunctionStmt.FunctionRef(name, types, allTypes, objtype);
    }

    /** FUNCTION, PROCEDURE or ROUTINE: the object kind of a DROP or ALTER. */
    private String routineKind() {
        if (p.acceptKw("procedure")) return "procedure";
        if (p.acceptKw("routine")) return "routine";
        p.expectKw("function");
        return "function";
    }

    /** DROP {FUNCTION | PROCEDURE | ROUTINE} [IF EXISTS] name [(args)] [, ...] [CASCADE | RESTRICT]. */
    Stmt drop() {
        p.expectKw("drop");
        String objtype = routineKind();
        boolean missingOk = p.acceptIfExists();
        List<Stmt.DropFunctionStmt.FunctionRef> refs = new ArrayList<>();
        do {
            refs.add(functionRef(objtype));
        } while (p.acceptChar(','));
        boolean cascade = p.acceptKw("cascade");
        if (!cascade) p.acceptKw("restrict");
        return new Stmt.DropFunctionStmt(refs, missingOk, cascade);
    }
}
