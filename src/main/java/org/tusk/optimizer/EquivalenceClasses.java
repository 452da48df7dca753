package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.catalog.OperatorMerging;
import org.tusk.catalog.PgOperator;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;

/**
 * The equivalence classes of one query level's inner-join conjuncts (PostgreSQL's
 * optimizer/path/equivclass.c). A conjunct {@code a = b} whose operator is a mergejoinable,
 * strict equality of one type says that {@code a} and {@code b} are equal in every joined row
 * that survives, so equalities sharing a member form one class (process_equivalence), and the
 * source clauses are replaced by what the class implies:
 * <ul>
 * <li>a class with a constant makes {@code member = constant} a restriction of each member's
 * relation (a second constant gives {@code constant = constant}, which the caller folds) and
 * needs no join clause (generate_base_implied_equalities_const); a class of one
 * relation's column and one constant keeps its original clause;</li>
 * <li>without a constant, members of one relation are equated in a restriction of it
 * (generate_base_implied_equalities_no_const), and each join of two sets of relations that
 * both hold members gets one clause {@code outer member = inner member}
 * (generate_join_implied_equalities), so a = b and b = c also join a with c.</li>
 * </ul>
 * Members are expressions of one relation (a Var, or any non-volatile expression over one
 * relation's columns) or non-null constants; a relation on the nullable side of an outer join
 * contributes none (its conjuncts stay ordinary clauses, as PostgreSQL's outer-join-delayed
 * clauses do). Classes are not yet used for sort orders (pathkeys) nor for conjuncts inside
 * outer joins' operands.
 */
final class EquivalenceClasses {
    /** One class: its members in order of appearance, its equality operator and source clauses. */
    private static final class EClass {
        final PgOperator op;
        final int clauseType;
        final List<Expr> members = new ArrayList<>();
        final List<Expr> sources = new ArrayList<>();

        EClass(PgOperator op, int clauseType) {
            this.op = op;
            this.clauseType = clauseType;
        }

        boolean hasConst() {
            for (Expr m : members) if (isConstant(m)) return true;
            return false;
        }
    }

    private final List<EClass> classes = new ArrayList<>();

    private EquivalenceClasses() {}

    /**
     * Builds the classes from the equalities among {@code clauses} whose members read only the
     * {@code eligible} relations, removing those clauses from the list (they are replaced by
     * {@link #baseClauses} and {@link #joinClauses}).
     */
    static EquivalenceClasses build(List<Expr> clauses, Set<Integer> eligible) {
        EquivalenceClasses ecs = new EquivalenceClasses();
        for (int i = 0; i < clauses.size(); i++) {
            if (ecs.process(clauses.get(i), eligible)) {
                clauses.remove(i);
                i--;
            }
        }
        return ecs;
    }

    /** process_equivalence: adds one clause to the classes, or returns false if it is not an equivalence. */
    private boolean process(Expr clause, Set<Integer> eligible) {
        if (!(clause instanceof Expr.OpExpr op) || op.args().size() != 2 || !isEqualityOperator(op.op())) return false;
        Expr a = op.args().get(0), b = op.args().get(1);
        if (a.type() != op.op().left() || b.type() != op.op().left()) return false;
        if (!usableMember(a, eligible) || !usableMember(b, eligible) || ExprTrees.equal(a, b)) return false;
        if (isConstant(a) && isConstant(b)) return false;
        EClass ec1 = find(a, op.op()), ec2 = find(b, op.op());
        if (ec1 != null && ec1 == ec2) {
            ec1.sources.add(clause);
        } else if (ec1 != null && ec2 != null) {
            ec1.members.addAll(ec2.members);
            ec1.sources.addAll(ec2.sources);
            ec1.sources.add(clause);
            classes.remove(ec2);
        } else if (ec1 != null) {
            ec1.members.add(b);
            ec1.sources.add(clause);
        } else if (ec2 != null) {
            ec2.members.add(a);
            ec2.sources.add(clause);
        } else {
            EClass ec = new EClass(op.op(), op.type());
            ec.members.add(a);
            ec.members.add(b);
            ec.sources.add(clause);
            classes.add(ec);
        }
        return true;
    }

    /** A strict, mergejoinable "=" of one type (a btree equality: transitive, NULL never equal). */
    private static boolean isEqualityOperator(PgOperator op) {
        return op.name().equals("=") && op.left() != 0 && op.left() == op.right() && op.strict()
                && op.volatility() != org.tusk.catalog.PgProc.Volatility.VOLATILE
                && OperatorMerging.oprcanmerge(op.name(), op.left(), op.right());
    }

    /** A non-null constant, or a non-volatile, sublink-free expression of one eligible relation. */
    private static boolean usableMember(Expr e, Set<Integer> eligible) {
        if (e instanceof Expr.Const c) return c.value() != null;
        if (WindowQualPushdown.containsVolatile(e) || ExprTrees.any(e, x -> x instanceof Expr.SubLink
                || x instanceof Expr.SubPlan || x instanceof Expr.Var v && v.levelsup() > 0
                || x instanceof Expr.Aggref || x instanceof Expr.WindowFunc)) return false;
        Set<Integer> rels = JoinPlanner.varnos(e);
        return rels.size() == 1 && eligible.containsAll(rels);
    }

    private static boolean isConstant(Expr e) {
        return e instanceof Expr.Const;
    }

    private EClass find(Expr e, PgOperator op) {
        for (EClass ec : classes) {
            if (!sameOperator(ec.op, op)) continue;
            for (Expr m : ec.members) if (ExprTrees.equal(m, e)) return ec;
        }
        return null;
    }

    private static boolean sameOperator(PgOperator a, PgOperator b) {
        return a.name().equals(b.name()) && a.left() == b.left() && a.right() == b.right();
    }

    private static int relOf(Expr member) {
        return JoinPlanner.varnos(member).iterator().next();
    }

    private static Expr equality(EClass ec, Expr left, Expr right) {
        return new Expr.OpExpr(ec.op, List.of(left, right), ec.clauseType, -1);
    }

    /**
     * generate_base_implied_equalities: the restriction clauses the classes imply, to be
     * distributed after the level's other conjuncts (PostgreSQL generates them after
     * deconstruct_jointree, so they follow a relation's other restrictions).
     */
    List<Expr> baseClauses() {
        List<Expr> out = new ArrayList<>();
        for (EClass ec : classes) {
            if (ec.hasConst()) {
                // one column equated to one constant: the original clause, as written
                if (ec.members.size() == 2 && ec.sources.size() == 1) {
                    out.add(ec.sources.get(0));
                    continue;
                }
                Expr constant = null;
                for (Expr m : ec.members) if (isConstant(m)) {
                    constant = m;
                    break;
                }
                // every other member; a second constant too (1 = 2, which folds to false), unless
                // the class's other members are of one relation: that one gates its scan
                // ({@link #singleRelationConstantEqualities})
                boolean oneRelation = singleRelation(ec) != 0;
                for (Expr m : ec.members)
                    if (m != constant && !(oneRelation && isConstant(m))) out.add(equality(ec, m, constant));
            } else {
                // each member equated to the previous member of its relation
                Map<Integer, Expr> previous = new HashMap<>();
                for (Expr m : ec.members) {
                    Expr prev = previous.put(relOf(m), m);
                    if (prev != null) out.add(equality(ec, prev, m));
                }
            }
        }
        return out;
    }

    /** The one relation a class's non-constant members read, or 0 if they read several. */
    private static int singleRelation(EClass ec) {
        int rel = 0;
        for (Expr m : ec.members) {
            if (isConstant(m)) continue;
            int r = relOf(m);
            if (rel != 0 && r != rel) return 0;
            rel = r;
        }
        return rel;
    }

    /**
     * The constant-to-constant equalities (1 = 2) of the classes whose other members are of one
     * relation, by that relation. generate_base_implied_equalities_const makes each a
     * variable-free clause that process_implied_equality marks pseudoconstant and places at the
     * class's relation (its qualscope), where it gates that relation's scan (create_gating_plan)
     * rather than filtering it.
     */
    Map<Integer, List<Expr>> singleRelationConstantEqualities() {
        Map<Integer, List<Expr>> out = new java.util.LinkedHashMap<>();
        for (EClass ec : classes) {
            if (!ec.hasConst() || ec.members.size() == 2 && ec.sources.size() == 1) continue;
            int rel = singleRelation(ec);
            if (rel == 0) continue;
            Expr constant = null;
            for (Expr m : ec.members) if (isConstant(m)) {
                constant = m;
                break;
            }
            for (Expr m : ec.members)
                if (m != constant && isConstant(m)) out.computeIfAbsent(rel, k -> new ArrayList<>()).add(equality(ec, m, constant));
        }
        return out;
    }

    /**
     * The constant-to-constant equalities (1 = 2) of the classes whose other members read more
     * than one relation. generate_base_implied_equalities_const makes such a clause, once folded,
     * a pseudoconstant placed at the join of the class's relations (process_implied_equality's
     * qualscope); folded to FALSE or NULL it makes that join rel dummy
     * (restriction_is_constant_false), and since the class's relations are only ever inner-joined
     * at this level, everything above it too.
     */
    List<Expr> constantEqualitiesAcrossRels() {
        List<Expr> out = new ArrayList<>();
        for (EClass ec : classes) {
            if (!ec.hasConst()) continue;
            Set<Integer> rels = new java.util.HashSet<>();
            Expr constant = null;
            for (Expr m : ec.members) {
                if (!isConstant(m)) rels.add(relOf(m));
                else if (constant == null) constant = m;
            }
            if (rels.size() < 2) continue;
            for (Expr m : ec.members) if (m != constant && isConstant(m)) out.add(equality(ec, m, constant));
        }
        return out;
    }

    /**
     * generate_join_implied_equalities: for the join of {@code outer} with {@code inner}, one
     * clause per constant-free class with members on both sides, pairing the outer and inner
     * member that are plain columns if any (the first such pair, as PostgreSQL scores them).
     */
    List<Expr> joinClauses(Set<Integer> outer, Set<Integer> inner) {
        List<Expr> out = new ArrayList<>();
        for (EClass ec : classes) {
            if (ec.hasConst()) continue;
            Expr bestOuter = null, bestInner = null;
            int bestScore = -1;
            search:
            for (Expr o : ec.members) {
                if (!outer.contains(relOf(o))) continue;
                for (Expr i : ec.members) {
                    if (!inner.contains(relOf(i))) continue;
                    int score = (isVar(o) ? 1 : 0) + (isVar(i) ? 1 : 0);
                    if (score > bestScore) {
                        bestOuter = o;
                        bestInner = i;
                        bestScore = score;
                        if (score == 2) break search;
                    }
                }
            }
            if (bestOuter != null) out.add(sourceOrNew(ec, bestOuter, bestInner));
        }
        return out;
    }

    /** create_join_clause: a source clause written in this orientation, else a new one. */
    private static Expr sourceOrNew(EClass ec, Expr left, Expr right) {
        for (Expr s : ec.sources) {
            Expr.OpExpr op = (Expr.OpExpr) s;
            if (ExprTrees.equal(op.args().get(0), left) && ExprTrees.equal(op.args().get(1), right)) return s;
        }
        return equality(ec, left, right);
    }

    private static boolean isVar(Expr e) {
        return e instanceof Expr.Var || e instanceof Expr.RelabelType r && r.arg() instanceof Expr.Var;
    }

    /**
     * have_relevant_eclass_joinclause: some class of two or more members reads both {@code a}
     * and {@code b} (a class with a constant counts too, as in PostgreSQL).
     */
    boolean relevant(Set<Integer> a, Set<Integer> b) {
        for (EClass ec : classes) {
            boolean inA = false, inB = false;
            for (Expr m : ec.members) {
                if (isConstant(m)) continue;
                int r = relOf(m);
                inA |= a.contains(r);
                inB |= b.contains(r);
            }
            if (inA && inB) return true;
        }
        return false;
    }

    /** has_relevant_eclass_joinclause: some class reads {@code rel} and a relation outside it. */
    boolean hasJoinClauses(Set<Integer> rel) {
        for (EClass ec : classes) {
            boolean in = false, out = false;
            for (Expr m : ec.members) {
                if (isConstant(m)) continue;
                if (rel.contains(relOf(m))) in = true; else out = true;
            }
            if (in && out) return true;
        }
        return false;
    }

    /** Whether no class was formed. */
    boolean isEmpty() {
        return classes.isEmpty();
    }
}
