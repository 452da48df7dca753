package org.tusk.rewrite;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.RelationProvider;
import org.tusk.catalog.RuleInfo;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawStmt;
import org.tusk.parser.Analyzer;
import org.tusk.parser.ColumnRefHook;
import org.tusk.parser.Parser;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * A rule's condition and actions, analysed with OLD and NEW bound to the rule's relation
 * (transformRuleStmt). PostgreSQL puts OLD and NEW in each action's range table (entries 1 and
 * 2, PRS2_OLD_VARNO / PRS2_NEW_VARNO); Tusk's INSERT, UPDATE and DELETE give range table index 1
 * to their target, so OLD.col and NEW.col are resolved by a parser hook instead, to Vars with
 * the reserved varnos {@link #OLD_VARNO} and {@link #NEW_VARNO} (at any query level of the action,
 * with levelsup 0). They are only ever seen by the rewriter, which replaces each of them
 * (rewriteRuleAction) before a query leaves it.
 */
public final class RuleActions {
    /** The varno of a reference to OLD (PRS2_OLD_VARNO's role). */
    public static final int OLD_VARNO = Query.PRS2_OLD_VARNO;
    /** The varno of a reference to NEW (PRS2_NEW_VARNO's role). */
    public static final int NEW_VARNO = Query.PRS2_NEW_VARNO;

    private final Expr qual;
    private final List<Query> actions;

    private RuleActions(Expr qual, List<Query> actions) {
        this.qual = qual;
        this.actions = actions;
    }

    /** The rule's WHERE condition (with OLD/NEW markers), or null. */
    public Expr qual() { return qual; }

    /** The rule's actions, analysed (empty for NOTHING). */
    public List<Query> actions() { return actions; }

    /** Analyses the stored texts of {@code rule} of relation {@code rel}. */
    public static RuleActions analyze(Relation rel, char evType, String qualText, List<String> actionTexts,
                                      RelationProvider relations, ExecEnvironment env, InputSettings zone, String currentDatabase) {
        return analyzeAndPin(rel, evType, qualText, actionTexts, relations, env, zone, currentDatabase).actions();
    }

    /** A rule's analysis with the texts to store for its condition and actions ({@link org.tusk.catalog.StoredNamePins}). */
    public record Pinned(RuleActions actions, String qualText, List<String> actionTexts) {}

    /**
     * The same analysis, also giving the texts CREATE RULE stores: the condition and actions as
     * written, with the names they resolve now bound to their schemas, as ev_qual and ev_action
     * hold OIDs in PostgreSQL.
     */
    public static Pinned analyzeAndPin(Relation rel, char evType, String qualText, List<String> actionTexts,
                                       RelationProvider relations, ExecEnvironment env, InputSettings zone, String currentDatabase) {
        Hook hook = new Hook(rel, 0);
        Expr qual = null;
        String pinnedQual = null;
        if (qualText != null) {
            // transformRuleStmt: the condition also sees the columns of NEW (ON INSERT) or OLD (ON DELETE) unqualified
            int unqualified = evType == '3' ? NEW_VARNO : evType == '4' ? OLD_VARNO : 0;
            var pinned = org.tusk.catalog.StoredNamePins.analyze("SELECT WHERE ", qualText, sql -> Analyzer.analyze(
                    Parser.parse(sql, Analyzer.scanSettings(env)).get(0), sql, relations, env, zone, currentDatabase, new ArrayList<>(), null,
                    new Hook(rel, unqualified)));
            qual = pinned.result().where();
            pinnedQual = pinned.text();
        }
        List<Query> out = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String text : actionTexts) {
            List<RawStmt> raws = Parser.parse(text, Analyzer.scanSettings(env));
            if (raws.size() != 1) {
                throw PgException.error(SqlState.INTERNAL_ERROR, "rule on \"" + rel.name() + "\" has an invalid action");
            }
            var pinned = org.tusk.catalog.StoredNamePins.analyze(text, () -> Analyzer.analyze(raws.get(0), text, relations,
                    env, zone, currentDatabase, new ArrayList<>(), null, hook));
            out.add(pinned.result());
            texts.add(pinned.text());
        }
        return new Pinned(new RuleActions(qual, List.copyOf(out)), pinnedQual, List.copyOf(texts));
    }

    /** The same for a stored rule. */
    static RuleActions analyze(Relation rel, RuleInfo rule, RelationProvider relations, ExecEnvironment env, InputSettings zone,
                               String currentDatabase) {
        try {
            return analyze(rel, rule.evType(), rule.qual(), rule.actions(), relations, env, zone, currentDatabase);
        } catch (PgException e) {
            throw new PgException(org.tusk.utils.error.Severity.ERROR, e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0);
        }
    }

    /** Whether {@code e} (at any depth) refers to OLD ({@code varno} OLD_VARNO) or NEW. */
    public static boolean uses(Expr e, int varno) {
        return e != null && RewriteManip.refersToAnyLevel(e, varno);
    }

    /** Whether query {@code q} (at any depth) refers to OLD or NEW. */
    public static boolean uses(Query q, int varno) {
        return RewriteManip.refersToAnyLevel(q, varno);
    }

    /** OLD.col and NEW.col: the columns of the rule's relation (addNSItemToQuery of OLD and NEW, relation names only). */
    private record Hook(Relation rel, int unqualified) implements ColumnRefHook {
        @Override
        public Expr columnRef(List<String> fields, int location) {
            if (fields.size() == 1 && unqualified != 0) {
                Expr v = column(unqualified, fields.get(0), location);
                return v;
            }
            if (fields.size() != 2) return null;
            int varno = "old".equals(fields.get(0)) ? OLD_VARNO : "new".equals(fields.get(0)) ? NEW_VARNO : 0;
            if (varno == 0) return null;
            Expr v = column(varno, fields.get(1), location);
            if (v != null) return v;
            throw PgException.error(SqlState.UNDEFINED_COLUMN, "column " + fields.get(0) + "." + fields.get(1)
                    + " does not exist");
        }

        private Expr column(int varno, String name, int location) {
            for (int i = 0; i < rel.desc().natts(); i++) {
                var att = rel.desc().attr(i);
                if (!att.attisdropped() && att.name().equals(name)) {
                    return new Expr.Var(varno, i + 1, att.type().oid(), rel.atttypmod(i + 1), att.name(), location, 0);
                }
            }
            return null;
        }

        @Override
        public Expr paramRef(int number, int location) {
            return null;
        }

        /** OLD.* and NEW.*: the relation's columns, as transformRuleStmt's OLD and NEW entries expand. */
        @Override
        public List<Expr> starRef(List<String> fields, int location) {
            if (fields.size() != 1) return null;
            int varno = "old".equals(fields.get(0)) ? OLD_VARNO : "new".equals(fields.get(0)) ? NEW_VARNO : 0;
            if (varno == 0) return null;
            List<Expr> cols = new ArrayList<>();
            for (int i = 0; i < rel.desc().natts(); i++) {
                var att = rel.desc().attr(i);
                if (att.attisdropped()) continue;
                cols.add(new Expr.Var(varno, i + 1, att.type().oid(), rel.atttypmod(i + 1), att.name(), location, 0));
            }
            return cols;
        }
    }
}
