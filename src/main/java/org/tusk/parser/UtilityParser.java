package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Token.Kind;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The grammar of the utility statements carried out by {@code commands/} beyond CREATE/DROP
 * (gram.y CopyStmt, TruncateStmt, LockStmt, AlterTableStmt, RenameStmt, VacuumStmt, AnalyzeStmt and the
 * reloptions of CREATE TABLE). It works on the token stream of the {@link Parser} that found the
 * statement's first keyword, so positions and syntax errors are the parser's.
 */
final class UtilityParser {
    private final Parser p;

    UtilityParser(Parser p) {
        this.p = p;
    }

    // ------------------------------------------------------------------ COPY

    /**
     * CopyStmt: COPY [BINARY] name [(cols)] FROM|TO STDIN|STDOUT|'file' [[USING] DELIMITERS 'x']
     * [WITH] (generic options) | old-style options; or COPY (select) TO ...
     */
    Stmt copyStmt() {
        Token first = p.expectKw("copy");
        List<Stmt.DefElem> options = new ArrayList<>();
        if (p.isKw("binary")) options.add(new Stmt.DefElem("format", "binary", p.advance().start()));
        Stmt.RangeVar rel = null;
        Stmt.SelectStmt query = null;
        String queryText = null;
        List<String> cols = List.of();
        if (p.isChar('(')) {
            p.advance();
            Token q = p.peek();
            // transformStmt for COPY's query (DoCopy): MERGE is refused, without a position
            if (MergeGrammar.at(p)) throw org.tusk.utils.error.PgException.error("0A000", "MERGE not supported in COPY");
            if (!q.isKeyword("select")) throw p.notSupported("COPY (" + q.value() + ")", q.start());
            query = p.selectStmtRejectingInto("COPY (SELECT INTO) is not supported");
            queryText = p.src.substring(q.start(), p.lastEnd);
            p.expectChar(')');
        } else {
            rel = p.qualifiedName();
            if (p.acceptChar('(')) {
                cols = new ArrayList<>();
                do {
                    cols.add(p.colId());
                } while (p.acceptChar(','));
                p.expectChar(')');
            }
        }
        boolean isFrom;
        if (p.acceptKw("from")) isFrom = true;
        else {
            p.expectKw("to");
            isFrom = false;
        }
        if (query != null && isFrom) {
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "syntax error at or near \"from\"", -1);
        }
        boolean program = p.acceptKw("program");
        String filename = null;
        Token t = p.peek();
        if (t.isKeyword("stdin") || t.isKeyword("stdout")) {
            p.advance();
        } else if (t.is(Kind.SCONST)) {
            filename = p.advance().value();
        } else {
            throw p.syntaxError(t);
        }
        if (program) throw p.notSupported("COPY PROGRAM", t.start());
        if (p.isKw("using") || p.isKw("delimiters")) {
            p.acceptKw("using");
            Token d = p.expectKw("delimiters");
            options.add(new Stmt.DefElem("delimiter", p.sconst(), d.start()));
        }
        p.acceptKw("with");
        if (p.isChar('(')) {
            p.advance();
            do {
                Token n = p.peek();
                if (!n.is(Kind.IDENT)) throw p.syntaxError(n);
                String name = p.advance().value().toLowerCase(Locale.ROOT);
                String value = null;
                Token v = p.peek();
                if (v.is(Kind.SCONST) || v.is(Kind.ICONST) || v.is(Kind.FCONST)) value = p.advance().value();
                else if (v.is(Kind.IDENT)) value = p.advance().value();
                else if (v.isChar('*')) {
                    p.advance();
                    value = "*";
                } else if (v.isChar('(')) {
                    // copy_generic_opt_arg_list: a list of column names
                    p.advance();
                    List<String> list = new ArrayList<>();
                    do {
                        list.add(p.advance().value());
                    } while (p.acceptChar(','));
                    p.expectChar(')');
                    options.add(new Stmt.DefElem(name, String.join(",", list), n.start(), List.copyOf(list)));
                    continue;
                }
                options.add(new Stmt.DefElem(name, value, n.start()));
            } while (p.acceptChar(','));
            p.expectChar(')');
        } else {
            oldStyleCopyOptions(options);
        }
        RawExpr where = null;
        Token whereKw = p.peek();
        if (p.acceptKw("where")) {
            // gram.y's CopyStmt: refused at the WHERE keyword (parser_errposition(@11))
            if (!isFrom) {
                throw PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED, "WHERE clause not allowed with COPY TO",
                        Lexer.position(p.src, whereKw.start()));
            }
            where = p.aExpr();
        }
        return new Stmt.CopyStmt(rel, cols, query, queryText, isFrom, filename, options, first.start(), where);
    }

    /** columnList of the old-style FORCE options: names without parentheses. */
    private Stmt.DefElem columnListOption(String name, int location) {
        List<String> cols = new ArrayList<>();
        do {
            cols.add(p.colId());
        } while (p.acceptChar(','));
        return new Stmt.DefElem(name, String.join(",", cols), location, List.copyOf(cols));
    }

    /** copy_opt_list: BINARY, FREEZE, DELIMITER [AS] 'x', NULL [AS] 'x', CSV, HEADER, QUOTE [AS] 'x', ESCAPE [AS] 'x'. */
    private void oldStyleCopyOptions(List<Stmt.DefElem> options) {
        while (true) {
            Token t = p.peek();
            String kw = t.keyword();
            if (kw == null) return;
            switch (kw) {
                case "binary" -> { p.advance(); options.add(new Stmt.DefElem("format", "binary", t.start())); }
                case "csv" -> { p.advance(); options.add(new Stmt.DefElem("format", "csv", t.start())); }
                case "freeze" -> { p.advance(); options.add(new Stmt.DefElem("freeze", "true", t.start())); }
                case "header" -> { p.advance(); options.add(new Stmt.DefElem("header", "true", t.start())); }
                case "delimiter", "null", "quote", "escape", "encoding" -> {
                    p.advance();
                    p.acceptKw("as");
                    options.add(new Stmt.DefElem(kw, p.sconst(), t.start()));
                }
                case "force" -> {
                    // FORCE QUOTE columnList | FORCE QUOTE * | FORCE NOT NULL columnList | FORCE NULL columnList
                    p.advance();
                    if (p.acceptKw("quote")) {
                        if (p.acceptChar('*')) options.add(new Stmt.DefElem("force_quote", "*", t.start()));
                        else options.add(columnListOption("force_quote", t.start()));
                    } else if (p.acceptKw("not")) {
                        p.expectKw("null");
                        options.add(columnListOption("force_not_null", t.start()));
                    } else {
                        p.expectKw("null");
                        options.add(columnListOption("force_null", t.start()));
                    }
                }
                default -> { return; }
            }
        }
    }

    // ------------------------------------------------------------------ TRUNCATE

    /** TruncateStmt: TRUNCATE [TABLE] relation_expr_list opt_restart_seqs opt_drop_behavior. */
    Stmt truncateStmt() {
        p.expectKw("truncate");
        p.acceptKw("table");
        List<Stmt.RangeVar> rels = relationExprList();
        boolean restart = false;
        if (p.acceptKw("restart")) {
            p.expectKw("identity");
            restart = true;
        } else if (p.acceptKw("continue")) {
            p.expectKw("identity");
        }
        boolean cascade = false;
        if (p.acceptKw("cascade")) cascade = true;
        else p.acceptKw("restrict");
        return new Stmt.TruncateStmt(rels, restart, cascade);
    }

    /** relation_expr_list: [ONLY] name [*], ... (ONLY turns off recursion to inheritance children). */
    private List<Stmt.RangeVar> relationExprList() {
        List<Stmt.RangeVar> rels = new ArrayList<>();
        do {
            boolean only = p.acceptKw("only");
            Stmt.RangeVar rv = p.qualifiedName();
            rels.add(only ? rv.only() : rv);
            p.acceptChar('*');
        } while (p.acceptChar(','));
        return rels;
    }

    /**
     * LockStmt: LOCK [TABLE] relation_expr_list [IN lock_type MODE] [NOWAIT]; without IN ... MODE
     * the mode is ACCESS EXCLUSIVE.
     */
    Stmt lockStmt() {
        p.expectKw("lock");
        p.acceptKw("table");
        List<Stmt.RangeVar> rels = relationExprList();
        int mode = 8;   // AccessExclusiveLock
        if (p.acceptKw("in")) {
            mode = lockType();
            p.expectKw("mode");
        }
        boolean nowait = p.acceptKw("nowait");
        return new Stmt.LockStmt(rels, mode, nowait);
    }

    /** lock_type, as its lockdefs.h number. */
    private int lockType() {
        if (p.acceptKw("access")) {
            if (p.acceptKw("share")) return 1;
            p.expectKw("exclusive");
            return 8;
        }
        if (p.acceptKw("row")) {
            if (p.acceptKw("share")) return 2;
            p.expectKw("exclusive");
            return 3;
        }
        if (p.acceptKw("share")) {
            if (p.acceptKw("update")) {
                p.expectKw("exclusive");
                return 4;
            }
            if (p.acceptKw("row")) {
                p.expectKw("exclusive");
                return 6;
            }
            return 5;
        }
        p.expectKw("exclusive");
        return 7;
    }

    // ------------------------------------------------------------------ ALTER TABLE

    /** AlterTableStmt and the table forms of RenameStmt. */
    Stmt alterTableStmt() {
        p.expectKw("alter");
        // ALTER VIEW takes the same RENAME forms (gram.y RenameStmt with OBJECT_VIEW), and ALTER
        // MATERIALIZED VIEW those and the ALTER TABLE subcommands gram.y allows it (AlterTableStmt OBJECT_MATVIEW)
        boolean matview = p.acceptKw("materialized");
        if (matview) p.expectKw("view");
        boolean view = !matview && p.acceptKw("view");
        if (!view && !matview) p.expectKw("table");
        boolean missingOk = p.acceptIfExists();
        boolean only = p.acceptKw("only");
        Stmt.RangeVar rel = p.qualifiedName();
        if (only) rel = rel.only();   // ALTER TABLE ONLY: subcommands that recurse to children do not
        p.acceptChar('*');
        if (p.acceptKw("rename")) {
            if (matview) {
                // RenameStmt OBJECT_MATVIEW: RENAME TO or RENAME [COLUMN] c TO
                if (p.acceptKw("to")) return new Stmt.RenameStmt(rel, null, p.colId(), missingOk, 'm');
                p.acceptKw("column");
                String col = p.colId();
                p.expectKw("to");
                return new Stmt.RenameStmt(rel, col, p.colId(), missingOk, 'm');
            }
            if (p.acceptKw("to")) return new Stmt.RenameStmt(rel, null, p.colId(), missingOk, view ? 'v' : 't');
            if (p.acceptKw("constraint")) {
                String old = p.colId();
                p.expectKw("to");
                return new Stmt.RenameConstraintStmt(rel, old, p.colId(), missingOk);
            }
            p.acceptKw("column");
            String col = p.colId();
            p.expectKw("to");
            return new Stmt.RenameStmt(rel, col, p.colId(), missingOk, view ? 'v' : 't');
        }
        if (p.isKw("owner") && p.peek(1).isKeyword("to")) return ownerTo(view ? 'v' : matview ? 'm' : 'r', rel, missingOk);
        // ALTER VIEW ... ALTER [COLUMN] c SET/DROP DEFAULT (the subcommands gram.y accepts for views that Tusk has)
        if (view && !p.isKw("alter")) throw p.notSupported("ALTER VIEW " + p.peek().value().toUpperCase(Locale.ROOT), p.peek().start());
        List<Stmt.AlterTableCmd> cmds = new ArrayList<>();
        do {
            cmds.add(alterTableCmd());
        } while (p.acceptChar(','));
        return new Stmt.AlterTableStmt(rel, missingOk, cmds, view ? 'v' : matview ? 'm' : 'r');
    }

    private Stmt.AlterTableCmd alterTableCmd() {
        Token t = p.peek();
        Stmt.AlterTableCmd trigger = TriggerGrammar.enableDisable(p);
        if (trigger != null) return trigger;
        Stmt.AlterTableCmd rowSecurity = PolicyGrammar.rowSecurityCmd(p);
        if (rowSecurity != null) return rowSecurity;
        if (p.acceptKw("attach")) {
            p.expectKw("partition");
            Stmt.RangeVar part = p.qualifiedName();
            return new Stmt.AlterTableCmd.AttachPartition(part, new PartitionGrammar(p).boundSpec());
        }
        if (p.acceptKw("detach")) {
            p.expectKw("partition");
            Stmt.RangeVar part = p.qualifiedName();
            if (p.isKw("concurrently") || p.isKw("finalize"))
                throw p.notSupported("DETACH PARTITION " + p.peek().value().toUpperCase(Locale.ROOT), p.peek().start());
            return new Stmt.AlterTableCmd.DetachPartition(part);
        }
        if (p.acceptKw("add")) {
            if (ExistingIndexGrammar.at(p)) return new ExistingIndexGrammar(p).addIndexConstraint();
            if (p.isKw("constraint") || p.isKw("primary") || p.isKw("unique") || p.isKw("check") || p.isKw("foreign")
                    || p.isKw("exclude")) {
                return new Stmt.AlterTableCmd.AddConstraint(p.tableConstraint());
            }
            p.acceptKw("column");
            boolean ifNotExists = false;
            if (p.isKw("if") && p.peek(1).isKeyword("not")) {
                p.advance();
                p.advance();
                p.expectKw("exists");
                ifNotExists = true;
            }
            return new Stmt.AlterTableCmd.AddColumn(p.columnDef(), ifNotExists);
        }
        if (p.acceptKw("drop")) {
            if (p.acceptKw("constraint")) {
                boolean missingOk = p.acceptIfExists();
                String name = p.colId();
                boolean cascade = false;
                if (p.acceptKw("cascade")) cascade = true;
                else p.acceptKw("restrict");
                return new Stmt.AlterTableCmd.DropConstraint(name, missingOk, cascade);
            }
            p.acceptKw("column");
            boolean missingOk = p.acceptIfExists();
            String col = p.colId();
            boolean cascade = false;
            if (p.acceptKw("cascade")) cascade = true;
            else p.acceptKw("restrict");
            return new Stmt.AlterTableCmd.DropColumn(col, missingOk, cascade);
        }
        if (p.isKw("validate") && p.peek(1).isKeyword("constraint")) {
            p.advance();
            p.advance();
            return new Stmt.AlterTableCmd.ValidateConstraint(p.colId());
        }
        if (p.acceptKw("alter")) {
            p.acceptKw("column");
            String col = p.colId();
            Token a = p.peek();
            if (p.isKw("type") || p.isKw("set") && p.peek(1).isKeyword("data")) {
                if (p.acceptKw("set")) p.expectKw("data");
                p.expectKw("type");
                int typeLoc = p.peek().start();
                org.tusk.nodes.TypeName type = p.typeName();
                List<String> collation = null;
                int collationLocation = -1;
                if (p.isKw("collate")) {
                    collationLocation = p.advance().start();
                    collation = OperatorSyntax.anyName(p::advance, p::peek);
                }
                RawExpr using = null;
                String usingSql = null;
                if (p.acceptKw("using")) {
                    int start = p.peek().start();
                    using = p.aExpr();
                    usingSql = p.src.substring(start, p.lastEnd);
                }
                return new Stmt.AlterTableCmd.AlterColumnType(col, type, using, usingSql, typeLoc, collation,
                        collationLocation);
            }
            if (p.acceptKw("set")) {
                if (p.acceptKw("not")) {
                    p.expectKw("null");
                    return new Stmt.AlterTableCmd.SetNotNull(col);
                }
                if (p.acceptKw("default")) {
                    int start = p.peek().start();
                    RawExpr e = p.aExpr();
                    return new Stmt.AlterTableCmd.SetDefault(col, e, p.src.substring(start, p.lastEnd));
                }
                // STORAGE and COMPRESSION are unreserved keywords the lexer does not list: match the word
                Token w = p.peek();
                if (w.is(Token.Kind.IDENT) && (w.value().equals("storage") || w.value().equals("compression"))) {
                    boolean storage = w.value().equals("storage");
                    p.advance();
                    int loc = p.peek().start();
                    String name = p.isKw("default") ? p.advance().value().toLowerCase(Locale.ROOT) : p.colId();
                    return storage ? new Stmt.AlterTableCmd.SetStorage(col, name, loc)
                            : new Stmt.AlterTableCmd.SetCompression(col, name, loc);
                }
                throw p.notSupported("ALTER COLUMN SET " + p.peek().value().toUpperCase(Locale.ROOT), p.peek().start());
            }
            if (p.isKw("add") && p.peek(1).isKeyword("generated")) {
                // ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(SeqOptList)]
                p.advance();
                p.advance();
                char identity;
                if (p.acceptKw("always")) identity = 'a';
                else {
                    p.expectKw("by");
                    p.expectKw("default");
                    identity = 'd';
                }
                p.expectKw("as");
                p.expectKw("identity");
                List<Stmt.DefElem> options = p.isChar('(') ? parenthesizedSeqOptions() : List.of();
                return new Stmt.AlterTableCmd.AddIdentity(col, identity, options);
            }
            if (p.acceptKw("drop")) {
                if (p.acceptKw("not")) {
                    p.expectKw("null");
                    return new Stmt.AlterTableCmd.DropNotNull(col);
                }
                if (p.acceptKw("default")) return new Stmt.AlterTableCmd.SetDefault(col, null, null);
                if (p.peek().is(Token.Kind.IDENT) && "expression".equals(p.peek().value())) {
                    p.advance();
                    boolean ifExists = false;
                    if (p.isKw("if") && p.peek(1).isKeyword("exists")) {
                        p.advance();
                        p.advance();
                        ifExists = true;
                    }
                    return new Stmt.AlterTableCmd.DropExpression(col, ifExists);
                }
                throw p.notSupported("ALTER COLUMN DROP " + p.peek().value().toUpperCase(Locale.ROOT), p.peek().start());
            }
            throw p.notSupported("ALTER COLUMN " + a.value().toUpperCase(Locale.ROOT), a.start());
        }
        if (p.isKw("cluster") && p.peek(1).isKeyword("on")) {
            p.advance();
            p.advance();
            return new Stmt.AlterTableCmd.ClusterOn(p.colId());
        }
        if ("replica".equals(p.peek().value()) && p.peek(1).isKeyword("identity")) {
            p.advance();
            p.advance();
            if (p.acceptKw("default")) return new Stmt.AlterTableCmd.ReplicaIdentity('d', null);
            if (p.acceptKw("full")) return new Stmt.AlterTableCmd.ReplicaIdentity('f', null);
            if (p.acceptWord("nothing")) return new Stmt.AlterTableCmd.ReplicaIdentity('n', null);
            p.expectKw("using");
            p.expectKw("index");
            return new Stmt.AlterTableCmd.ReplicaIdentity('i', p.colId());
        }
        if (p.isKw("set") && p.peek(1).isKeyword("without") && p.peek(2).isKeyword("cluster")) {
            p.advance();
            p.advance();
            p.advance();
            return new Stmt.AlterTableCmd.ClusterOn(null);
        }
        // SET (reloptions) / RESET (reloptions)
        if ((p.isKw("set") || p.isKw("reset")) && p.peek(1).isChar('(')) {
            boolean reset = p.advance().isKeyword("reset");
            return new Stmt.AlterTableCmd.SetRelOptions(relOptions(), reset);
        }
        if (!t.is(Token.Kind.IDENT)) throw p.syntaxError(t);   // not an alter_table_cmd word at all (e.g. ";")
        throw p.notSupported("ALTER TABLE " + t.value().toUpperCase(Locale.ROOT), t.start());
    }

    // ------------------------------------------------------------------ VACUUM / ANALYZE

    /**
     * VacuumStmt: VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [names], VACUUM (options) [names],
     * ANALYZE [VERBOSE] [names], ANALYZE (options) [names].
     */
    Stmt vacuumStmt() {
        Token first = p.advance();
        boolean isVacuum = first.isKeyword("vacuum");
        boolean analyze = !isVacuum, verbose = false, full = false, freeze = false, disablePageSkipping = false;
        if (p.isChar('(')) {
            p.advance();
            do {
                Token o = p.peek();
                if (!o.is(Kind.IDENT)) throw p.syntaxError(o);
                String name = p.advance().value().toLowerCase(Locale.ROOT);
                boolean on = true;
                Token v = p.peek();
                if (v.isKeyword("false") || v.isKeyword("off") || v.is(Kind.ICONST) && v.value().equals("0")) {
                    p.advance();
                    on = false;
                } else if (v.isKeyword("true") || v.isKeyword("on") || v.is(Kind.ICONST)) {
                    p.advance();
                }
                switch (name) {
                    case "verbose" -> verbose = on;
                    case "analyze", "analyse" -> analyze = on || !isVacuum;
                    case "full" -> full = on;
                    case "freeze" -> freeze = on;
                    case "disable_page_skipping" -> disablePageSkipping = on;
                    case "skip_locked", "index_cleanup", "truncate", "process_toast", "parallel" -> { }
                    default -> throw PgException.errorAt(SqlState.SYNTAX_ERROR, "unrecognized "
                            + (isVacuum ? "VACUUM" : "ANALYZE") + " option \"" + name + "\"", Lexer.position(p.src, o.start()));
                }
            } while (p.acceptChar(','));
            p.expectChar(')');
        } else if (isVacuum) {
            full = p.acceptKw("full");
            freeze = p.acceptKw("freeze");
            verbose = p.acceptKw("verbose");
            analyze = p.acceptKw("analyze") || p.acceptKw("analyse");
        } else {
            verbose = p.acceptKw("verbose");
        }
        List<Stmt.RangeVar> rels = new ArrayList<>();
        if (Keywords.isColId(p.peek())) {
            do {
                rels.add(p.qualifiedName());
                if (p.isChar('(')) throw p.notSupported("column lists in " + (isVacuum ? "VACUUM" : "ANALYZE"), p.peek().start());
            } while (p.acceptChar(','));
        }
        return new Stmt.VacuumStmt(isVacuum, analyze, verbose, full, freeze, disablePageSkipping, rels);
    }

    // ------------------------------------------------------------------ reloptions

    /** reloptions: '(' name [= value] [, ...] ')', after WITH. */
    List<Stmt.DefElem> relOptions() {
        p.expectChar('(');
        List<Stmt.DefElem> out = new ArrayList<>();
        do {
            Token n = p.peek();
            if (!n.is(Kind.IDENT)) throw p.syntaxError(n);
            String name = p.advance().value();
            if (p.isChar('.')) throw p.notSupported("namespaced storage parameters", p.peek().start());
            String value = null;
            if (p.acceptChar('=')) {
                Token v = p.peek();
                if (v.isChar('-') || v.isChar('+')) {
                    p.advance();
                    value = (v.isChar('-') ? "-" : "") + p.advance().value();
                } else if (v.is(Kind.IDENT) || v.is(Kind.SCONST) || v.is(Kind.ICONST) || v.is(Kind.FCONST)) {
                    value = p.advance().value();
                } else {
                    throw p.syntaxError(v);
                }
            }
            out.add(new Stmt.DefElem(name, value, n.start()));
        } while (p.acceptChar(','));
        p.expectChar(')');
        return out;
    }

    // ------------------------------------------------------------------ CREATE SEQUENCE

    /** CreateSeqStmt: CREATE [TEMP | UNLOGGED] SEQUENCE [IF NOT EXISTS] qualified_name OptSeqOptList. */
    Stmt createSeqStmt() {
        p.expectKw("create");
        boolean unlogged = p.acceptKw("unlogged");
        boolean temp = !unlogged && (p.acceptKw("temp") || p.acceptKw("temporary"));
        p.expectKw("sequence");
        boolean ifNotExists = false;
        if (p.isKw("if")) {
            p.advance();
            p.expectKw("not");
            p.expectKw("exists");
            ifNotExists = true;
        }
        Stmt.RangeVar name = p.qualifiedName();
        return new Stmt.CreateSeqStmt(name, seqOptions(), temp, ifNotExists, unlogged);
    }

    /**
     * AlterSeqStmt: ALTER SEQUENCE [IF EXISTS] name SeqOptList; also the sequence forms of
     * RenameStmt (RENAME TO) and of AlterTableStmt's OWNER TO.
     */
    Stmt alterSeqStmt() {
        p.expectKw("alter");
        p.expectKw("sequence");
        boolean missingOk = p.acceptIfExists();
        Stmt.RangeVar name = p.qualifiedName();
        if (p.acceptKw("rename")) {
            p.expectKw("to");
            return new Stmt.RenameStmt(name, null, p.colId(), missingOk, 'S');
        }
        if (p.isKw("owner")) return ownerTo('S', name, missingOk);
        if (p.isKw("set") || p.isKw("reset")) {
            Token t = p.peek();
            throw p.notSupported("ALTER SEQUENCE " + t.value().toUpperCase(Locale.ROOT) + " " + p.peek(1).value().toUpperCase(Locale.ROOT), t.start());
        }
        List<Stmt.DefElem> options = seqOptions();
        if (options.isEmpty()) throw p.syntaxError(p.peek());
        return new Stmt.AlterSeqStmt(name, options, missingOk);
    }

    /** OWNER TO RoleSpec, the whole command (AT_ChangeOwner) on a relation of kind {@code kind}. */
    Stmt ownerTo(char kind, Stmt.RangeVar name, boolean missingOk) {
        p.expectKw("owner");
        p.expectKw("to");
        return new Stmt.AlterRelationOwnerStmt(kind, name, missingOk, new RoleGrammar(p, p.src).roleSpec());
    }

    /** The sequence options of an identity column: '(' SeqOptList ')'. */
    List<Stmt.DefElem> parenthesizedSeqOptions() {
        p.expectChar('(');
        List<Stmt.DefElem> options = seqOptions();
        p.expectChar(')');
        return options;
    }

    /** OptSeqOptList. */
    private List<Stmt.DefElem> seqOptions() {
        List<Stmt.DefElem> options = new ArrayList<>();
        while (true) {
            Token t = p.peek();
            if (p.acceptKw("as")) {
                options.add(new Stmt.DefElem("as", p.typeName().lastName(), t.start()));
            } else if (p.acceptKw("increment")) {
                p.acceptKw("by");
                options.add(new Stmt.DefElem("increment", numericOnly(), t.start()));
            } else if (p.acceptKw("minvalue")) {
                options.add(new Stmt.DefElem("minvalue", numericOnly(), t.start()));
            } else if (p.acceptKw("maxvalue")) {
                options.add(new Stmt.DefElem("maxvalue", numericOnly(), t.start()));
            } else if (p.acceptKw("start")) {
                p.acceptKw("with");
                options.add(new Stmt.DefElem("start", numericOnly(), t.start()));
            } else if (p.acceptKw("cache")) {
                options.add(new Stmt.DefElem("cache", numericOnly(), t.start()));
            } else if (p.acceptKw("cycle")) {
                options.add(new Stmt.DefElem("cycle", "true", t.start()));
            } else if (p.acceptKw("no")) {
                Token w = p.advance();
                if (w.isKeyword("minvalue") || w.isKeyword("maxvalue")) options.add(new Stmt.DefElem(w.keyword(), null, t.start()));
                else if (w.isKeyword("cycle")) options.add(new Stmt.DefElem("cycle", "false", t.start()));
                else throw p.syntaxError(w);
            } else if (p.acceptKw("owned")) {
                p.expectKw("by");
                // any_name: NONE, or the owning column as table.column / schema.table.column
                Stmt.RangeVar owner = p.qualifiedName();
                List<String> parts = new ArrayList<>();
                for (String part : new String[] {owner.catalog(), owner.schema(), owner.name()}) if (part != null) parts.add(part);
                options.add(new Stmt.DefElem("owned_by", String.join(".", parts), t.start(), List.copyOf(parts)));
            } else if (p.isKw("sequence") && "name".equals(p.peek(1).value())) {
                // SEQUENCE NAME any_name: only among an identity column's options (transformColumnDefinition)
                p.advance();
                p.advance();
                Stmt.RangeVar seq = p.qualifiedName();
                List<String> parts = new ArrayList<>();
                for (String part : new String[] {seq.catalog(), seq.schema(), seq.name()}) if (part != null) parts.add(part);
                options.add(new Stmt.DefElem("sequence_name", String.join(".", parts), t.start(), List.copyOf(parts)));
            } else if (p.acceptKw("restart")) {
                p.acceptKw("with");
                Token n = p.peek();
                boolean value = n.is(Kind.ICONST) || n.is(Kind.FCONST) || n.isChar('-') || n.isChar('+');
                options.add(new Stmt.DefElem("restart", value ? numericOnly() : null, t.start()));
            } else {
                break;
            }
        }
        return options;
    }

    /** NumericOnly: an optionally signed integer, as text. */
    private String numericOnly() {
        Token t = p.peek();
        String sign = "";
        if (t.isChar('-') || t.isChar('+')) {
            sign = t.isChar('-') ? "-" : "";
            p.advance();
        }
        Token n = p.peek();
        if (!n.is(Kind.ICONST) && !n.is(Kind.FCONST)) throw p.syntaxError(n);
        return sign + p.advance().value();
    }

    /** ConstraintsSetStmt: SET CONSTRAINTS {ALL | qualified_name [, ...]} {DEFERRED | IMMEDIATE}, after SET. */
    Stmt constraintsSet() {
        p.expectKw("constraints");
        List<Stmt.RangeVar> names = null;
        if (!p.acceptKw("all")) {
            names = new java.util.ArrayList<>();
            do {
                names.add(p.qualifiedName());
            } while (p.acceptChar(','));
        }
        boolean deferred;
        if (p.acceptKw("deferred")) deferred = true;
        else {
            p.expectKw("immediate");
            deferred = false;
        }
        return new Stmt.ConstraintsSetStmt(names == null ? null : List.copyOf(names), deferred);
    }

    /**
     * TableLikeClause: LIKE qualified_name TableLikeOptionList, with {@code position} column
     * definitions before it. Later options override earlier ones, ALL setting or clearing every bit.
     */
    Stmt.TableLikeClause tableLikeClause(int position) {
        Token like = p.expectKw("like");
        Stmt.RangeVar source = p.qualifiedName();
        int options = 0;
        while (p.isKw("including") || p.isKw("excluding")) {
            boolean including = p.advance().value().equalsIgnoreCase("including");
            Token t = p.advance();
            int bit = switch (t.value().toLowerCase(Locale.ROOT)) {
                case "comments" -> Stmt.TableLikeClause.COMMENTS;
                case "compression" -> Stmt.TableLikeClause.COMPRESSION;
                case "constraints" -> Stmt.TableLikeClause.CONSTRAINTS;
                case "defaults" -> Stmt.TableLikeClause.DEFAULTS;
                case "identity" -> Stmt.TableLikeClause.IDENTITY;
                case "generated" -> Stmt.TableLikeClause.GENERATED;
                case "indexes" -> Stmt.TableLikeClause.INDEXES;
                case "statistics" -> Stmt.TableLikeClause.STATISTICS;
                case "storage" -> Stmt.TableLikeClause.STORAGE;
                case "all" -> Stmt.TableLikeClause.ALL;
                default -> throw p.syntaxError(t);
            };
            options = including ? options | bit : options & ~bit;
        }
        return new Stmt.TableLikeClause(source, options, position, like.start());
    }
}
