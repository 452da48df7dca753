package org.tusk.utils.adt.tsearch;

import java.util.ArrayList;
import java.util.List;

/**
 * ts_rewrite(query, target, substitute) (tsquery_rewrite.c tsquery_rewrite with findsubquery
 * and findeq, over tsquery_util.c's QTNode trees): every occurrence of {@code target} in
 * {@code query} becomes {@code substitute}, or disappears when the substitute is empty. Both
 * query and target are first flattened (nested ANDs and ORs become one n-ary node,
 * QTNTernary) and their children sorted (QTNSort); an AND or OR node also matches a target of
 * the same operator whose children are a subset of its own. A substituted part is never searched
 * again. The result is made binary again (QTNBinary), so its operands come out in sorted order as
 * PostgreSQL's do. Operands compare by lexeme only (weights and prefix flags are ignored).
 */
public final class TsQueryRewrite {
    private TsQueryRewrite() {}

    /** QTNode: an n-ary query node; {@code children.get(0)} is the right operand of a binary one. */
    private static final class QTNode {
        final TsQuery.Node item;
        final List<QTNode> children = new ArrayList<>();
        boolean noChange;

        QTNode(TsQuery.Node item) { this.item = item; }

        boolean isOperator() { return item instanceof TsQuery.Operator; }

        int oper() { return ((TsQuery.Operator) item).oper(); }

        QTNode copy() {
            QTNode n = new QTNode(item);
            for (QTNode c : children) n.children.add(c.copy());
            return n;
        }
    }

    /** tsquery_rewrite. */
    public static TsQuery rewrite(TsQuery query, TsQuery target, TsQuery substitute) {
        if (query.isEmpty() || target.isEmpty()) return query;
        QTNode tree = toQTN(query.root());
        ternary(tree);
        sort(tree);
        QTNode ex = toQTN(target.root());
        ternary(ex);
        sort(ex);
        QTNode subs = substitute.isEmpty() ? null : toQTN(substitute.root());
        tree = findSubquery(tree, ex, subs);
        if (tree == null) return TsQuery.EMPTY;
        return new TsQuery(toNode(binary(tree)));
    }

    /** QT2QTN. */
    private static QTNode toQTN(TsQuery.Node n) {
        QTNode q = new QTNode(n);
        if (n instanceof TsQuery.Operator op) {
            q.children.add(toQTN(op.right()));
            if (op.oper() != TsQuery.OP_NOT) q.children.add(toQTN(op.left()));
        }
        return q;
    }

    /** QTN2QT: back to a tree of binary operators. */
    private static TsQuery.Node toNode(QTNode q) {
        if (!q.isOperator()) return q.item;
        TsQuery.Operator op = (TsQuery.Operator) q.item;
        if (op.oper() == TsQuery.OP_NOT) return new TsQuery.Operator(TsQuery.OP_NOT, 0, null, toNode(q.children.get(0)));
        return new TsQuery.Operator(op.oper(), op.distance(), toNode(q.children.get(1)), toNode(q.children.get(0)));
    }

    /** QTNTernary: pulls the children of nested ANDs (ORs) into their AND (OR) parent. */
    private static void ternary(QTNode in) {
        if (!in.isOperator()) return;
        for (QTNode c : in.children) ternary(c);
        int oper = in.oper();
        if (oper != TsQuery.OP_AND && oper != TsQuery.OP_OR) return;
        for (int i = 0; i < in.children.size(); i++) {
            QTNode cc = in.children.get(i);
            if (cc.isOperator() && cc.oper() == oper) {
                in.children.remove(i);
                in.children.addAll(i, cc.children);
                i += cc.children.size() - 1;
            }
        }
    }

    /** QTNSort: children of every operator but PHRASE in QTNodeCompare order. */
    private static void sort(QTNode in) {
        if (!in.isOperator()) return;
        for (QTNode c : in.children) sort(c);
        if (in.children.size() > 1 && in.oper() != TsQuery.OP_PHRASE) in.children.sort(TsQueryRewrite::compare);
    }

    /** QTNBinary: an n-ary node becomes nested binary ones, as PostgreSQL folds them. */
    private static QTNode binary(QTNode in) {
        if (!in.isOperator()) return in;
        for (QTNode c : in.children) binary(c);
        TsQuery.Operator op = (TsQuery.Operator) in.item;
        while (in.children.size() > 2) {
            QTNode nn = new QTNode(new TsQuery.Operator(op.oper(), op.distance(), null, null));
            nn.children.add(in.children.get(0));
            nn.children.add(in.children.get(1));
            in.children.set(0, nn);
            in.children.set(1, in.children.get(in.children.size() - 1));
            in.children.remove(in.children.size() - 1);
        }
        return in;
    }

    /** QTNodeCompare: operators before operands; operands by descending CRC, then lexeme. */
    private static int compare(QTNode a, QTNode b) {
        if (a.isOperator() != b.isOperator()) return a.isOperator() ? -1 : 1;
        if (a.isOperator()) {
            TsQuery.Operator ao = (TsQuery.Operator) a.item, bo = (TsQuery.Operator) b.item;
            if (ao.oper() != bo.oper()) return ao.oper() > bo.oper() ? -1 : 1;
            if (a.children.size() != b.children.size()) return a.children.size() > b.children.size() ? -1 : 1;
            for (int i = 0; i < a.children.size(); i++) {
                int res = compare(a.children.get(i), b.children.get(i));
                if (res != 0) return res;
            }
            if (ao.oper() == TsQuery.OP_PHRASE && ao.distance() != bo.distance()) return ao.distance() > bo.distance() ? -1 : 1;
            return 0;
        }
        String aw = ((TsQuery.Operand) a.item).word(), bw = ((TsQuery.Operand) b.item).word();
        int ca = LegacyCrc32.of(aw), cb = LegacyCrc32.of(bw);
        if (ca != cb) return ca > cb ? -1 : 1;
        return TsVector.compareLexemes(aw, bw);
    }

    private static QTNode substitute(QTNode subs) {
        if (subs == null) return null;
        QTNode n = subs.copy();
        n.noChange = true;
        return n;
    }

    /** findeq: replaces {@code node} (or the matching subset of its children) when it matches {@code ex}. */
    private static QTNode findEq(QTNode node, QTNode ex, QTNode subs) {
        if (node.isOperator() != ex.isOperator() || node.noChange) return node;
        if (node.isOperator()) {
            if (node.oper() != ex.oper()) return node;
            if (node.children.size() == ex.children.size()) {
                if (compare(node, ex) == 0) return substitute(subs);
            } else if (node.children.size() > ex.children.size() && !ex.children.isEmpty()) {
                // AND and OR: a sorted subset of the children may match
                boolean[] matched = new boolean[node.children.size()];
                int nmatched = 0, i = 0, j = 0;
                while (i < node.children.size() && j < ex.children.size()) {
                    int cmp = compare(node.children.get(i), ex.children.get(j));
                    if (cmp == 0) {
                        matched[i] = true;
                        nmatched++;
                        i++;
                        j++;
                    } else if (cmp < 0) {
                        i++;
                    } else {
                        break;
                    }
                }
                if (nmatched == ex.children.size()) {
                    List<QTNode> kept = new ArrayList<>();
                    for (i = 0; i < node.children.size(); i++) if (!matched[i]) kept.add(node.children.get(i));
                    if (subs != null) kept.add(substitute(subs));
                    node.children.clear();
                    node.children.addAll(kept);
                    // PostgreSQL re-sorts here so the new child lands where its output expects it
                    sort(node);
                }
            }
            return node;
        }
        return compare(node, ex) == 0 ? substitute(subs) : node;
    }

    /** dofindsubquery: match at the node, else in its children; drops emptied operators. */
    private static QTNode findSubquery(QTNode root, QTNode ex, QTNode subs) {
        root = findEq(root, ex, subs);
        if (root != null && !root.noChange && root.isOperator()) {
            List<QTNode> kept = new ArrayList<>();
            for (QTNode c : root.children) {
                QTNode r = findSubquery(c, ex, subs);
                if (r != null) kept.add(r);
            }
            root.children.clear();
            root.children.addAll(kept);
            if (root.children.isEmpty()) return null;
            if (root.children.size() == 1 && root.oper() != TsQuery.OP_NOT) return root.children.get(0);
        }
        return root;
    }
}
