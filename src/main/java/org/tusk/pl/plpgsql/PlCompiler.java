package org.tusk.pl.plpgsql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tusk.catalog.TypeOids;
import org.tusk.parser.Lexer;
import org.tusk.parser.Parser;
import org.tusk.parser.Token;
import org.tusk.parser.Token.Kind;
import org.tusk.pl.plpgsql.PlTree.Datum;
import org.tusk.pl.plpgsql.PlTree.DatumKind;
import org.tusk.pl.plpgsql.PlTree.PlExpr;
import org.tusk.pl.plpgsql.PlTree.Stmt;
import org.tusk.pl.plpgsql.PlTree.Target;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.ScanSettings;

/**
 * pl_comp.c do_compile with pl_gram.y's grammar: turns a body into a {@link PlTree.Function}.
 * Tokens come from the core SQL scanner, as pl_scanner.c reads them. SQL expressions and
 * statements are taken as the text between their delimiting keywords (read_sql_construct) and
 * checked for syntax by the core parser (check_sql_expr); their names are resolved only when
 * they are analysed at run time. Errors carry positions in the body and PostgreSQL's CONTEXT line
 * "compilation of PL/pgSQL function "f" near line N".
 */
final class PlCompiler {
    /** Resolves declared data types (parse_datatype, and %TYPE / %ROWTYPE of tables). */
    interface Types {
        /** The type written as {@code text} ("integer", "varchar(10)", "t%ROWTYPE", "t.c%TYPE"): {oid, typmod}. */
        int[] resolve(String text);
    }

    /** What the compiler needs to know of the function (its pg_proc row). */
    record Signature(String name, String signature, List<Integer> argTypes, List<String> argNames, String argModes,
                     List<org.tusk.catalog.ColumnDef> outColumns, int resultType, boolean retset, boolean isDo) {
        /** A trigger function (RETURNS trigger), compiled with NEW, OLD and TG_* instead of parameters. */
        boolean isTrigger() { return resultType == TypeOids.TRIGGER; }
    }

    /**
     * The variables do_compile declares for a trigger function, in its order: NEW and OLD as
     * records (their shape is the triggering table's row, known only at the call), then TG_*.
     */
    static final List<String> TRIGGER_VARIABLES = List.of("new", "old", "tg_name", "tg_when", "tg_level", "tg_op",
            "tg_relid", "tg_relname", "tg_table_name", "tg_table_schema", "tg_nargs", "tg_argv");
    private static final int[] TRIGGER_VARIABLE_TYPES = {TypeOids.RECORD, TypeOids.RECORD, TypeOids.NAME, TypeOids.TEXT,
            TypeOids.TEXT, TypeOids.TEXT, TypeOids.OID, TypeOids.NAME, TypeOids.NAME, TypeOids.NAME, TypeOids.INT4,
            TypeOids.TEXT_ARRAY};

    private final String src;
    private final Lexer lexer;
    private final List<Token> pushed = new ArrayList<>();
    private final Types types;
    private final String fnName;
    private final List<Datum> datums = new ArrayList<>();
    private PlNamespace ns;
    private Token last;
    private int caseVarNo;

    /** The session's standard_conforming_strings and escape_string_warning, as plpgsql's scanner reads the core scanner's. */
    private final ScanSettings scan;

    private PlCompiler(String src, Types types, String fnName, ScanSettings scan) {
        this.src = src;
        this.scan = scan;
        this.lexer = new Lexer(src, scan);
        this.types = types;
        this.fnName = fnName;
    }

    /** do_compile / plpgsql_compile_inline. */
    static PlTree.Function compile(String body, Signature sig, Types types) {
        return compile(body, sig, types, ScanSettings.DEFAULT);
    }

    /** The same, scanning the body with the session's settings. */
    static PlTree.Function compile(String body, Signature sig, Types types, ScanSettings scan) {
        PlCompiler c = new PlCompiler(body, types, sig.name(), scan);
        try {
            return c.function(sig);
        } catch (PgException e) {
            int line = c.last == null ? 1 : c.lineOf(c.last.start());
            throw e.withContext("compilation of PL/pgSQL function \"" + sig.name() + "\" near line " + line);
        }
    }

    private PlTree.Function function(Signature sig) {
        // the function's own namespace level: its parameters, labelled by the function's name
        ns = PlNamespace.pushBlock(null, sig.isDo() ? null : sig.name());
        int[] argDnos = new int[sig.argTypes().size()];
        int[] triggerDnos = new int[0];
        if (sig.isTrigger()) {
            if (!sig.argTypes().isEmpty()) {
                throw PgException.error("42P13", "trigger functions cannot have declared arguments")
                        .withHint("The arguments of the trigger can be accessed through TG_NARGS and TG_ARGV instead.");
            }
            triggerDnos = new int[TRIGGER_VARIABLES.size()];
            for (int i = 0; i < triggerDnos.length; i++) {
                Datum d = newDatum(TRIGGER_VARIABLES.get(i), TRIGGER_VARIABLE_TYPES[i], -1, false, false, null);
                ns = ns.add(TRIGGER_VARIABLES.get(i), d);
                triggerDnos[i] = d.dno();
            }
        }
        List<Datum> outs = new ArrayList<>();
        String modes = sig.argModes();
        int in = 0, out = 0;
        int nParams = modes == null ? sig.argTypes().size() : modes.length();
        for (int i = 0; i < nParams; i++) {
            char m = modes == null ? 'i' : modes.charAt(i);
            boolean isOut = m == 'o' || m == 't' || m == 'b';
            int type;
            String name;
            if (m == 'o' || m == 't') {
                org.tusk.catalog.ColumnDef col = sig.outColumns().get(out);
                type = col.typeOid();
                name = col.name().startsWith("column") && col.name().equals("column" + (out + 1)) ? null : col.name();
            } else {
                type = sig.argTypes().get(in);
                name = in < sig.argNames().size() && !sig.argNames().get(in).isEmpty() ? sig.argNames().get(in) : null;
            }
            Datum d = newDatum(name == null ? "$" + (i + 1) : name, type, -1, false, false, null);
            if (name != null) ns = ns.add(name, d);
            ns = ns.add("$" + (i + 1), d);
            if (m != 'o' && m != 't') argDnos[in++] = d.dno();
            if (isOut) {
                outs.add(d);
                out++;
            }
        }
        Datum found = newDatum("found", TypeOids.BOOL, -1, false, false, null);
        ns = ns.add("found", found);
        PlTree.Block action = block(null);
        Token t = next();
        if (t.isChar(';')) t = next();
        if (!t.is(Kind.EOF)) throw syntaxError(t);
        return new PlTree.Function(sig.signature(), List.copyOf(datums), argDnos, action, found, sig.resultType(),
                sig.retset(), outs, sig.isDo(), triggerDnos);
    }

    // ---------------------------------------------------------------- tokens

    /** The = token (the scanner gives a lone = as a character). */
    private static boolean isEq(Token t) {
        return (t.is(Kind.OP) || t.is(Kind.CHAR)) && t.value().equals("=");
    }

    /** Set.contains that accepts null (no word): immutable sets refuse to be asked about null. */
    private static boolean has(Set<String> set, String w) {
        return w != null && set.contains(w);
    }

    private Token next() {
        Token t = pushed.isEmpty() ? lexer.next() : pushed.remove(pushed.size() - 1);
        last = t;
        return t;
    }

    private Token peek() {
        Token t = next();
        pushed.add(t);
        return t;
    }

    private void pushBack(Token t) {
        pushed.add(t);
    }

    /** The unquoted word a token is (lower case), or null for anything else. */
    private String word(Token t) {
        if (!t.is(Kind.IDENT) || src.charAt(t.start()) == '"') return null;
        return t.value();
    }

    private boolean isWord(Token t, String w) {
        return w.equals(word(t));
    }

    private boolean acceptWord(String w) {
        if (isWord(peek(), w)) {
            next();
            return true;
        }
        return false;
    }

    private void expectWord(String w) {
        Token t = next();
        if (!isWord(t, w)) throw syntaxError(t);
    }

    private void expectChar(char c) {
        Token t = next();
        if (!t.isChar(c)) throw syntaxError(t);
    }

    private int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < src.length(); i++) if (src.charAt(i) == '\n') line++;
        return line;
    }

    /** plpgsql_yyerror. */
    private PgException syntaxError(Token t) {
        if (t.is(Kind.EOF)) return PgException.errorAt(SqlState.SYNTAX_ERROR, "syntax error at end of input",
                Lexer.position(src, src.length()));
        return PgException.errorAt(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + src.substring(t.start(), t.end()) + "\"",
                Lexer.position(src, t.start()));
    }

    private PgException errorAt(String state, String msg, Token t) {
        return PgException.errorAt(state, msg, Lexer.position(src, t.start()));
    }

    private Datum newDatum(String name, int type, int typmod, boolean isConst, boolean notNull, PlExpr def) {
        DatumKind kind = type == TypeOids.RECORD || org.tusk.catalog.TypeCache.lookupComposite(type) != null
                ? DatumKind.REC : DatumKind.VAR;
        Datum d = new Datum(datums.size(), name, kind, type, typmod, isConst, notNull, def);
        datums.add(d);
        return d;
    }

    // ---------------------------------------------------------------- SQL text

    /**
     * read_sql_construct: the text from here up to (not including) the first token at parenthesis
     * depth 0 that {@code stop} accepts; that token is left unread. Returns {text, the stop token}.
     */
    private String readUntil(java.util.function.Predicate<Token> stop, String what) {
        int depth = 0;
        Token first = peek();
        int start = first.start(), end = start;
        while (true) {
            Token t = next();
            if (t.is(Kind.EOF)) {
                if (what != null) throw errorAt(SqlState.SYNTAX_ERROR, "missing \"" + what + "\" at end of SQL expression", t);
                throw syntaxError(t);
            }
            if (depth == 0 && stop.test(t)) {
                pushBack(t);
                break;
            }
            if (t.isChar('(') || t.isChar('[')) depth++;
            else if (t.isChar(')') || t.isChar(']')) depth--;
            end = t.end();
        }
        if (end == start) throw syntaxError(peek());
        return src.substring(start, end);
    }

    /** An expression ended by one of the words {@code stops} or by ';' (when {@code semi}). */
    private PlExpr expr(Set<String> stops, boolean semi, String what) {
        int at = peek().start();
        String text = readUntil(t -> semi && t.isChar(';') || has(stops, word(t)), what);
        return checkedExpr("SELECT " + text, at, 7);
    }

    /** check_sql_expr: the core parser's syntax check, its error position moved into the body. */
    private PlExpr checkedExpr(String query, int bodyOffset, int prefixLength) {
        try {
            Parser.parse(query, scan);
        } catch (PgException e) {
            if (e.position() <= 0 || !e.sqlState().equals(SqlState.SYNTAX_ERROR)) throw e;
            int offsetInQuery = query.offsetByCodePoints(0, Math.min(e.position() - 1, query.codePointCount(0, query.length())));
            int bodyPos = Math.max(bodyOffset, bodyOffset + offsetInQuery - prefixLength);
            throw new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(),
                    Lexer.position(src, Math.min(bodyPos, src.length())));
        }
        return new PlExpr(query, ns);
    }

    // ---------------------------------------------------------------- blocks and declarations

    /** pl_block: [<<label>>] [DECLARE decls] BEGIN stmts [EXCEPTION handlers] END [label]. */
    private PlTree.Block block(String label) {
        if (label == null) label = optLabel();
        int lineno = lineOf(peek().start());
        PlNamespace outer = ns;
        ns = PlNamespace.pushBlock(ns, label);
        List<Datum> declared = new ArrayList<>();
        if (acceptWord("declare")) {
            while (!isWord(peek(), "begin")) {
                if (peek().is(Kind.EOF)) throw syntaxError(next());
                if (isWord(peek(), "declare")) {   // a stray DECLARE between declarations is allowed
                    next();
                    continue;
                }
                Datum d = declaration();
                if (d != null) declared.add(d);
            }
        }
        Token begin = next();
        if (!isWord(begin, "begin")) throw syntaxError(begin);
        lineno = lineOf(begin.start());
        List<Stmt> body = statements(Set.of("exception", "end"));
        List<PlTree.ExceptionHandler> handlers = null;
        Datum sqlstate = null, sqlerrm = null;
        if (acceptWord("exception")) {
            handlers = new ArrayList<>();
            PlNamespace before = ns;
            sqlstate = newDatum("sqlstate", TypeOids.TEXT, -1, false, false, null);
            sqlerrm = newDatum("sqlerrm", TypeOids.TEXT, -1, false, false, null);
            ns = PlNamespace.pushBlock(ns, null).add("sqlstate", sqlstate).add("sqlerrm", sqlerrm);
            while (!isWord(peek(), "end")) {
                expectWord("when");
                List<String> conds = new ArrayList<>();
                do {
                    Token c = next();
                    if (isWord(c, "sqlstate")) {
                        Token code = next();
                        if (!code.is(Kind.SCONST)) throw syntaxError(code);
                        if (!code.value().matches("[0-9A-Z]{5}")) {
                            throw errorAt("42601", "invalid SQLSTATE code", code);
                        }
                        conds.add(code.value());
                    } else if (word(c) != null || c.is(Kind.IDENT)) {
                        if (!word(c).equals("others") && !ExceptionConditions.exists(word(c))) {
                            throw errorAt(SqlState.UNDEFINED_OBJECT, "unrecognized exception condition \"" + word(c) + "\"", c);
                        }
                        conds.add(word(c));
                    } else {
                        throw syntaxError(c);
                    }
                } while (acceptWord("or"));
                expectWord("then");
                handlers.add(new PlTree.ExceptionHandler(conds, statements(Set.of("when", "end"))));
            }
            ns = before;
        }
        expectWord("end");
        endLabel(label);
        ns = outer;
        return new PlTree.Block(lineno, label, declared, body, handlers, sqlstate, sqlerrm);
    }

    /** opt_block_label: << name >>, or null. */
    private String optLabel() {
        Token t = peek();
        if (t.is(Kind.OP) && t.value().equals("<<")) {
            next();
            Token name = next();
            if (!name.is(Kind.IDENT)) throw syntaxError(name);
            Token close = next();
            if (!(close.is(Kind.OP) && close.value().equals(">>"))) throw syntaxError(close);
            return name.value();
        }
        return null;
    }

    /** opt_label after END/END LOOP: must match the block's label when given. */
    private void endLabel(String label) {
        Token t = peek();
        if (t.is(Kind.IDENT) && !isWord(t, "loop") && !isWord(t, "if") && !isWord(t, "case")) {
            next();
            if (label == null) throw errorAt(SqlState.SYNTAX_ERROR, "end label \"" + t.value() + "\" specified for unlabeled block", t);
            if (!label.equals(t.value())) {
                throw errorAt(SqlState.SYNTAX_ERROR, "end label \"" + t.value() + "\" differs from block's label \"" + label + "\"", t);
            }
        }
    }

    private static final Set<String> TYPE_STOPS = Set.of("not", "default", "collate");

    /** decl_statement. */
    private Datum declaration() {
        Token nameTok = next();
        if (!nameTok.is(Kind.IDENT)) throw syntaxError(nameTok);
        String name = nameTok.value();
        if (acceptWord("alias")) {
            expectWord("for");
            Token target = next();
            Datum d;
            if (target.is(Kind.PARAM)) d = PlNamespace.lookup(ns, "$" + target.value());
            else d = target.is(Kind.IDENT) ? PlNamespace.lookup(ns, target.value()) : null;
            if (d == null) throw errorAt(SqlState.UNDEFINED_OBJECT, "variable \"" + src.substring(target.start(), target.end())
                    + "\" does not exist", target);
            expectChar(';');
            ns = ns.add(name, d);
            return null;
        }
        if (isWord(peek(), "cursor") || isWord(peek(), "scroll") || isWord(peek(), "refcursor")) {
            throw errorAt(SqlState.FEATURE_NOT_SUPPORTED, "cursor variables are not supported yet", peek());
        }
        boolean isConst = acceptWord("constant");
        int typeStart = peek().start();
        String typeText = readUntil(t -> t.isChar(';') || t.is(Kind.COLON_EQUALS) || isEq(t)
                || has(TYPE_STOPS, word(t)), null);
        int[] type = declaredType(typeText, typeStart);
        if (acceptWord("collate")) next();
        boolean notNull = false;
        if (acceptWord("not")) {
            expectWord("null");
            notNull = true;
        }
        PlExpr def = null;
        Token t = peek();
        if (t.is(Kind.COLON_EQUALS) || isEq(t) || isWord(t, "default")) {
            next();
            def = expr(Set.of(), true, null);
        } else if (notNull) {
            throw errorAt(SqlState.NULL_VALUE_NOT_ALLOWED, "variables declared as NOT NULL must have a default value", peek());
        } else if (isConst) {
            // PostgreSQL lets a CONSTANT go without a default (it is NULL then)
        }
        expectChar(';');
        Datum d = newDatum(name, type[0], type[1], isConst, notNull, def);
        ns = ns.add(name, d);
        return d;
    }

    /** decl_datatype: %TYPE of a variable here, else the catalog's answer. */
    private int[] declaredType(String text, int at) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        if (lower.endsWith("%type")) {
            String ref = t.substring(0, t.lastIndexOf('%')).strip();
            Datum d = PlNamespace.lookup(ns, ref);
            if (d != null) return new int[] {d.type(), d.typmod()};
        }
        try {
            return types.resolve(t);
        } catch (PgException e) {
            throw new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), Lexer.position(src, at));
        }
    }

    // ---------------------------------------------------------------- statements

    /** proc_sect: statements until one of the words {@code ends}. */
    private List<Stmt> statements(Set<String> ends) {
        List<Stmt> out = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.is(Kind.EOF)) throw syntaxError(next());
            if (has(ends, word(t))) {
                // END LOOP etc. end the list; a bare END ends a block
                return out;
            }
            out.add(statement());
        }
    }

    private Stmt statement() {
        String label = optLabel();
        Token t = peek();
        int lineno = lineOf(t.start());
        String w = word(t);
        if (w == null && !t.is(Kind.IDENT) && !t.is(Kind.PARAM)) {
            if (t.isChar('(')) return execSql(lineno);
            throw syntaxError(next());
        }
        if (label != null && !has(Set.of("begin", "declare", "loop", "while", "for", "foreach"), w)) {
            throw syntaxError(next());
        }
        if (w != null) {
            switch (w) {
                case "begin", "declare" -> {
                    PlTree.Block b = block(label);
                    expectChar(';');
                    return b;
                }
                case "if" -> { next(); return ifStmt(lineno); }
                case "case" -> { next(); return caseStmt(lineno); }
                case "loop" -> { next(); return loop(lineno, label); }
                case "while" -> { next(); return whileStmt(lineno, label); }
                case "for" -> { next(); return forStmt(lineno, label); }
                case "foreach" -> { next(); return foreach(lineno, label); }
                case "exit", "continue" -> { next(); return exit(lineno, w.equals("exit")); }
                case "return" -> { next(); return returnStmt(lineno); }
                case "raise" -> { next(); return raise(lineno); }
                case "assert" -> { next(); return assertStmt(lineno); }
                case "execute" -> { next(); return dynExecute(lineno); }
                case "perform" -> { next(); return perform(lineno); }
                case "get" -> { next(); return getDiag(lineno); }
                case "null" -> {
                    next();
                    expectChar(';');
                    return new PlTree.Null(lineno);
                }
                case "open", "fetch", "move", "close" -> throw errorAt(SqlState.FEATURE_NOT_SUPPORTED,
                        "cursors are not supported yet in PL/pgSQL", t);
                case "commit", "rollback" -> throw errorAt(SqlState.FEATURE_NOT_SUPPORTED,
                        "transaction control in PL/pgSQL is not supported yet", t);
                default -> { }
            }
        }
        Target target = assignmentTarget();
        if (target != null) {
            PlExpr e = expr(Set.of(), true, null);
            expectChar(';');
            if (target.datum().isConst()) {
                throw PgException.error("22005", "variable \"" + target.datum().name() + "\" is declared CONSTANT");
            }
            return new PlTree.Assign(lineno, target, e);
        }
        return execSql(lineno);
    }

    /**
     * stmt_assign's start: a known variable (T_DATUM), optionally .field or [subscripts], followed
     * by := or =. Returns null, with nothing consumed, when the statement is something else.
     */
    private Target assignmentTarget() {
        List<Token> taken = new ArrayList<>();
        Token t = next();
        taken.add(t);
        Datum d = t.is(Kind.IDENT) ? PlNamespace.lookup(ns, t.value())
                : t.is(Kind.PARAM) ? PlNamespace.lookup(ns, "$" + t.value()) : null;
        String field = null;
        List<PlExpr> subs = new ArrayList<>();
        if (d != null) {
            Token n = next();
            taken.add(n);
            if (n.isChar('.')) {
                Token f = next();
                taken.add(f);
                if (f.is(Kind.IDENT)) {
                    Datum q = PlNamespace.lookupQualified(ns, t.value(), f.value());
                    if (q != null) d = q;
                    else field = f.value();
                    n = next();
                    taken.add(n);
                } else {
                    d = null;
                }
            }
            while (d != null && n.isChar('[')) {
                int at = peek().start();
                String text = readUntil(x -> x.isChar(']'), null);
                subs.add(checkedExpr("SELECT " + text, at, 7));
                next();
                n = next();
                taken.add(n);
            }
            if (d != null && (n.is(Kind.COLON_EQUALS) || isEq(n))) {
                return new Target(d, field, List.copyOf(subs));
            }
        }
        for (int i = taken.size() - 1; i >= 0; i--) pushBack(taken.get(i));
        last = taken.get(0);
        return null;
    }

    private Stmt ifStmt(int lineno) {
        PlExpr cond = expr(Set.of("then"), false, "THEN");
        expectWord("then");
        List<Stmt> then = statements(Set.of("elsif", "elseif", "else", "end"));
        List<PlTree.Elsif> elsifs = new ArrayList<>();
        List<Stmt> otherwise = null;
        while (true) {
            Token t = next();
            if (isWord(t, "elsif") || isWord(t, "elseif")) {
                PlExpr c = expr(Set.of("then"), false, "THEN");
                expectWord("then");
                elsifs.add(new PlTree.Elsif(c, statements(Set.of("elsif", "elseif", "else", "end"))));
            } else if (isWord(t, "else")) {
                otherwise = statements(Set.of("end"));
            } else if (isWord(t, "end")) {
                expectWord("if");
                expectChar(';');
                return new PlTree.If(lineno, cond, then, elsifs, otherwise);
            } else {
                throw syntaxError(t);
            }
        }
    }

    private Stmt caseStmt(int lineno) {
        PlExpr test = null;
        PlNamespace outer = ns;
        String caseVar = null;
        if (!isWord(peek(), "when")) {
            test = expr(Set.of("when"), false, "WHEN");
            // the simple form compares through a hidden variable, as make_case does
            caseVar = "__Case__Variable_" + (++caseVarNo) + "__";
        }
        Datum hidden = null;
        if (caseVar != null) {
            hidden = newDatum(caseVar, TypeOids.UNKNOWN, -1, false, false, null);
            ns = ns.add(caseVar, hidden);
        }
        List<PlTree.CaseWhen> whens = new ArrayList<>();
        List<Stmt> otherwise = null;
        while (true) {
            Token t = next();
            if (isWord(t, "when")) {
                int at = peek().start();
                String text = readUntil(x -> isWord(x, "then"), "THEN");
                PlExpr e = caseVar == null ? checkedExpr("SELECT " + text, at, 7)
                        : checkedExpr("SELECT \"" + caseVar + "\" IN (" + text + ")", at, 9 + caseVar.length() + 6);
                expectWord("then");
                whens.add(new PlTree.CaseWhen(e, statements(Set.of("when", "else", "end"))));
            } else if (isWord(t, "else")) {
                otherwise = statements(Set.of("end"));
            } else if (isWord(t, "end")) {
                expectWord("case");
                expectChar(';');
                ns = outer;
                if (hidden != null) {
                    // the hidden variable's dno travels as the CASE's test target
                    return new PlTree.Case(lineno, new CaseTest(test, hidden).asExpr(), whens, otherwise);
                }
                return new PlTree.Case(lineno, null, whens, otherwise);
            } else {
                throw syntaxError(t);
            }
        }
    }

    /** The test expression of a simple CASE together with the hidden variable it is stored in. */
    record CaseTest(PlExpr test, Datum var) {
        PlExpr asExpr() {
            return new CaseTestExpr(test, var);
        }
    }

    /** A simple CASE's test: evaluated once and assigned to {@link #var} before the WHENs are tried. */
    static final class CaseTestExpr extends PlExpr {
        final Datum var;

        CaseTestExpr(PlExpr test, Datum var) {
            super(test.query, test.ns);
            this.var = var;
        }
    }

    private List<Stmt> loopBody(String label) {
        PlNamespace outer = ns;
        ns = PlNamespace.pushBlock(ns, label);
        List<Stmt> body = statements(Set.of("end"));
        expectWord("end");
        expectWord("loop");
        endLabel(label);
        expectChar(';');
        ns = outer;
        return body;
    }

    private Stmt loop(int lineno, String label) {
        return new PlTree.Loop(lineno, label, loopBody(label));
    }

    private Stmt whileStmt(int lineno, String label) {
        PlExpr cond = expr(Set.of("loop"), false, "LOOP");
        expectWord("loop");
        return new PlTree.While(lineno, label, cond, loopBody(label));
    }

    /** stmt_for: integer range, query, or EXECUTE. */
    private Stmt forStmt(int lineno, String label) {
        List<Token> names = new ArrayList<>();
        do {
            Token n = next();
            if (!n.is(Kind.IDENT)) throw syntaxError(n);
            names.add(n);
        } while (peek().isChar(',') && next() != null);
        expectWord("in");
        if (isWord(peek(), "execute")) {
            next();
            PlExpr q = expr(Set.of("loop", "using"), false, "LOOP");
            List<PlExpr> using = using();
            List<Target> targets = targets(names);
            expectWord("loop");
            return new PlTree.ForQuery(lineno, label, targets, q, true, using, loopBody(label));
        }
        boolean reverse = false;
        if (isWord(peek(), "reverse") && names.size() == 1) {
            next();
            reverse = true;
        }
        int at = peek().start();
        Token first = peek();
        String text = readUntil(t -> t.is(Kind.DOT_DOT) || isWord(t, "loop"), "LOOP");
        if (peek().is(Kind.DOT_DOT)) {
            if (names.size() != 1) throw syntaxError(names.get(1));
            next();
            PlExpr lower = checkedExpr("SELECT " + text, at, 7);
            PlExpr upper = expr(Set.of("loop", "by"), false, "LOOP");
            PlExpr step = null;
            if (acceptWord("by")) step = expr(Set.of("loop"), false, "LOOP");
            expectWord("loop");
            // the loop variable is a new integer variable of its own block
            PlNamespace outer = ns;
            Datum var = newDatum(names.get(0).value(), TypeOids.INT4, -1, false, false, null);
            ns = PlNamespace.pushBlock(ns, label).add(var.name(), var);
            List<Stmt> body = loopBody(label);
            ns = outer;
            return new PlTree.ForInt(lineno, label, var, lower, upper, step, reverse, body);
        }
        if (reverse) throw syntaxError(first);
        expectWord("loop");
        PlExpr query = checkedExpr(text, at, 0);
        List<Target> targets = targets(names);
        return new PlTree.ForQuery(lineno, label, targets, query, false, List.of(), loopBody(label));
    }

    /** The loop or INTO targets named by {@code names}: one record, or scalars. */
    private List<Target> targets(List<Token> names) {
        List<Target> out = new ArrayList<>();
        for (Token n : names) {
            Datum d = PlNamespace.lookup(ns, n.value());
            if (d == null) {
                throw errorAt(SqlState.SYNTAX_ERROR, "loop variable of loop over rows must be a record variable or list of scalar variables", n);
            }
            out.add(new Target(d));
        }
        if (out.size() > 1 && out.stream().anyMatch(x -> x.datum().kind() == DatumKind.REC)) {
            throw errorAt(SqlState.SYNTAX_ERROR, "record variable cannot be part of multiple-item INTO list", names.get(1));
        }
        return out;
    }

    private Stmt foreach(int lineno, String label) {
        List<Token> names = new ArrayList<>();
        do {
            Token n = next();
            if (!n.is(Kind.IDENT)) throw syntaxError(n);
            names.add(n);
        } while (peek().isChar(',') && next() != null);
        int slice = 0;
        if (acceptWord("slice")) {
            Token n = next();
            if (!n.is(Kind.ICONST)) throw syntaxError(n);
            slice = Integer.parseInt(n.value());
        }
        expectWord("in");
        expectWord("array");
        PlExpr arr = expr(Set.of("loop"), false, "LOOP");
        expectWord("loop");
        return new PlTree.ForEach(lineno, label, targets(names), slice, arr, loopBody(label));
    }

    private Stmt exit(int lineno, boolean isExit) {
        String label = null;
        Token t = peek();
        if (t.is(Kind.IDENT) && !isWord(t, "when")) {
            next();
            label = t.value();
            if (!PlNamespace.hasLabel(ns, label)) {
                throw errorAt(SqlState.SYNTAX_ERROR, "there is no label \"" + label + "\" attached to any block or loop enclosing this statement", t);
            }
        }
        PlExpr cond = null;
        if (acceptWord("when")) cond = expr(Set.of(), true, null);
        expectChar(';');
        return new PlTree.Exit(lineno, isExit, label, cond);
    }

    private Stmt returnStmt(int lineno) {
        if (acceptWord("next")) {
            PlExpr e = peek().isChar(';') ? null : expr(Set.of(), true, null);
            expectChar(';');
            return new PlTree.ReturnNext(lineno, e);
        }
        if (acceptWord("query")) {
            if (acceptWord("execute")) {
                PlExpr q = expr(Set.of("using"), true, null);
                List<PlExpr> using = using();
                expectChar(';');
                return new PlTree.ReturnQuery(lineno, q, true, using);
            }
            int at = peek().start();
            String text = readUntil(t -> t.isChar(';'), null);
            expectChar(';');
            return new PlTree.ReturnQuery(lineno, checkedExpr(text, at, 0), false, List.of());
        }
        PlExpr e = peek().isChar(';') ? null : expr(Set.of(), true, null);
        expectChar(';');
        return new PlTree.Return(lineno, e);
    }

    private static final Set<String> RAISE_LEVELS = Set.of("exception", "warning", "notice", "info", "log", "debug");

    /** stmt_raise. */
    private Stmt raise(int lineno) {
        String level = "exception";
        String condition = null, message = null;
        List<PlExpr> params = new ArrayList<>();
        List<PlTree.RaiseOption> options = new ArrayList<>();
        Token t = peek();
        if (t.isChar(';')) {
            next();
            return new PlTree.Raise(lineno, null, null, null, List.of(), List.of());   // re-RAISE
        }
        if (has(RAISE_LEVELS, word(t))) {
            level = word(next());
            t = peek();
        }
        if (t.is(Kind.SCONST)) {
            next();
            message = t.value();
            while (peek().isChar(',')) {
                next();
                int at = peek().start();
                String text = readUntil(x -> x.isChar(';') || x.isChar(',') || isWord(x, "using"), null);
                params.add(checkedExpr("SELECT " + text, at, 7));
            }
        } else if (isWord(t, "sqlstate")) {
            next();
            Token code = next();
            if (!code.is(Kind.SCONST)) throw syntaxError(code);
            if (!code.value().matches("[0-9A-Z]{5}")) throw errorAt("42601", "invalid SQLSTATE code", code);
            condition = code.value();
        } else if (t.is(Kind.IDENT) && !isWord(t, "using")) {
            next();
            if (!ExceptionConditions.exists(t.value())) {
                throw errorAt(SqlState.UNDEFINED_OBJECT, "unrecognized exception condition \"" + t.value() + "\"", t);
            }
            condition = t.value();
        }
        if (acceptWord("using")) {
            do {
                Token opt = next();
                String o = word(opt);
                if (o == null || !has(Set.of("errcode", "message", "detail", "hint", "column", "constraint", "datatype",
                        "table", "schema"), o)) {
                    throw errorAt(SqlState.SYNTAX_ERROR, "unrecognized RAISE statement option \"" + (o == null ? opt.value() : o) + "\"", opt);
                }
                Token eq = next();
                if (!(eq.is(Kind.COLON_EQUALS) || isEq(eq))) throw syntaxError(eq);
                int at = peek().start();
                String text = readUntil(x -> x.isChar(';') || x.isChar(','), null);
                options.add(new PlTree.RaiseOption(o, checkedExpr("SELECT " + text, at, 7)));
            } while (peek().isChar(',') && next() != null);
        }
        if (message != null) checkRaiseParams(message, params.size(), t);
        expectChar(';');
        return new PlTree.Raise(lineno, level, condition, message, params, options);
    }

    /** pl_gram.y's check of the format: one % placeholder per parameter. */
    private void checkRaiseParams(String fmt, int n, Token at) {
        int expected = 0;
        for (int i = 0; i < fmt.length(); i++) {
            if (fmt.charAt(i) == '%') {
                if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '%') i++;
                else expected++;
            }
        }
        if (expected < n) throw errorAt(SqlState.SYNTAX_ERROR, "too many parameters specified for RAISE", at);
        if (expected > n) throw errorAt(SqlState.SYNTAX_ERROR, "too few parameters specified for RAISE", at);
    }

    private Stmt assertStmt(int lineno) {
        // read_sql_construct(',', ';', ...): the condition ends at a top-level comma or the semicolon
        int condAt = peek().start();
        String condText = readUntil(t -> t.isChar(';') || t.isChar(','), null);
        PlExpr cond = checkedExpr("SELECT " + condText, condAt, 7);
        PlExpr msg = null;
        int at = peek().start();
        if (peek().isChar(',')) {
            next();
            msg = expr(Set.of(), true, null);
        }
        expectChar(';');
        return new PlTree.Assert(lineno, cond, msg);
    }

    private List<PlExpr> using() {
        List<PlExpr> out = new ArrayList<>();
        if (!acceptWord("using")) return out;
        do {
            int at = peek().start();
            String text = readUntil(x -> x.isChar(';') || x.isChar(',') || isWord(x, "into") || isWord(x, "loop"), null);
            out.add(checkedExpr("SELECT " + text, at, 7));
        } while (peek().isChar(',') && next() != null);
        return out;
    }

    /** EXECUTE expr [INTO [STRICT] targets] [USING exprs], INTO and USING in either order. */
    private Stmt dynExecute(int lineno) {
        PlExpr q = expr(Set.of("into", "using"), true, null);
        List<Target> into = List.of();
        boolean strict = false;
        List<PlExpr> using = List.of();
        for (int i = 0; i < 2; i++) {
            if (isWord(peek(), "into") && into.isEmpty()) {
                next();
                strict = acceptWord("strict");
                into = intoTargets();
            } else if (isWord(peek(), "using") && using.isEmpty()) {
                using = using();
            }
        }
        expectChar(';');
        return new PlTree.DynExecute(lineno, q, into, strict, using);
    }

    /** INTO's target list: variables, rec.field, separated by commas. */
    private List<Target> intoTargets() {
        List<Target> out = new ArrayList<>();
        do {
            Token n = next();
            Datum d = n.is(Kind.IDENT) ? PlNamespace.lookup(ns, n.value()) : null;
            if (d == null) {
                throw errorAt(SqlState.SYNTAX_ERROR, "\"" + src.substring(n.start(), n.end()) + "\" is not a known variable", n);
            }
            String field = null;
            if (peek().isChar('.')) {
                next();
                Token f = next();
                Datum q = PlNamespace.lookupQualified(ns, n.value(), f.value());
                if (q != null) d = q;
                else field = f.value();
            }
            out.add(new Target(d, field, List.of()));
        } while (peek().isChar(',') && next() != null);
        if (out.size() > 1 && out.stream().anyMatch(x -> x.datum().kind() == DatumKind.REC && x.field() == null)) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "record variable cannot be part of multiple-item INTO list");
        }
        return out;
    }

    private Stmt perform(int lineno) {
        int at = peek().start();
        String text = readUntil(t -> t.isChar(';'), null);
        expectChar(';');
        return new PlTree.Perform(lineno, checkedExpr("SELECT " + text, at, 7));
    }

    private static final Set<String> DIAG_CURRENT = Set.of("row_count", "pg_context");
    private static final Set<String> DIAG_STACKED = Set.of("returned_sqlstate", "message_text", "pg_exception_detail",
            "pg_exception_hint", "pg_exception_context", "column_name", "constraint_name", "pg_datatype_name",
            "table_name", "schema_name");

    private Stmt getDiag(int lineno) {
        boolean stacked = false;
        if (acceptWord("stacked")) stacked = true;
        else acceptWord("current");
        expectWord("diagnostics");
        List<PlTree.DiagItem> items = new ArrayList<>();
        do {
            List<Target> t = intoTargets();
            Token eq = next();
            if (!(eq.is(Kind.COLON_EQUALS) || isEq(eq))) throw syntaxError(eq);
            Token kind = next();
            String k = word(kind);
            if (k == null) throw syntaxError(kind);
            if (!DIAG_CURRENT.contains(k) && !DIAG_STACKED.contains(k)) throw syntaxError(kind);
            if (stacked && k.equals("row_count") || !stacked && DIAG_STACKED.contains(k)) {
                throw errorAt(SqlState.SYNTAX_ERROR, "diagnostics item " + k.toUpperCase(Locale.ROOT) + " is not allowed in GET "
                        + (stacked ? "STACKED" : "CURRENT") + " DIAGNOSTICS", kind);
            }
            items.add(new PlTree.DiagItem(t.get(0), k));
        } while (peek().isChar(',') && next() != null);
        expectChar(';');
        return new PlTree.GetDiag(lineno, stacked, items);
    }

    /**
     * stmt_execsql / make_execsql_stmt: a SQL statement up to ';', with an INTO clause taken out
     * of it (an INTO right after INSERT, or in IMPORT/MERGE, belongs to the statement).
     */
    private Stmt execSql(int lineno) {
        Token first = peek();
        int start = first.start(), end = start;
        int depth = 0;
        List<Target> into = List.of();
        boolean strict = false;
        StringBuilder text = new StringBuilder();
        int copiedTo = start;
        Token prev = null;
        String firstWord = word(first);
        while (true) {
            Token t = next();
            if (t.is(Kind.EOF)) throw syntaxError(t);
            if (depth == 0 && t.isChar(';')) {
                pushBack(t);
                break;
            }
            if (t.isChar('(') || t.isChar('[')) depth++;
            else if (t.isChar(')') || t.isChar(']')) depth--;
            if (depth == 0 && isWord(t, "into") && into.isEmpty() && !(prev != null && isWord(prev, "insert"))
                    && !"merge".equals(firstWord) && !"import".equals(firstWord)) {
                text.append(src, copiedTo, t.start());
                strict = acceptWord("strict");
                into = intoTargets();
                copiedTo = peek().start();
                prev = t;
                continue;
            }
            end = t.end();
            prev = t;
        }
        if (copiedTo < end) text.append(src, copiedTo, end);
        expectChar(';');
        String sql = text.toString().strip();
        return new PlTree.ExecSql(lineno, checkedExpr(sql, start, 0), into, strict);
    }
}
