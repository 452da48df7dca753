package org.tusk.utils.ruleutils;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.PartitionBound;
import org.tusk.catalog.PartitionBound.RangeDatum;
import org.tusk.catalog.PartitionCatalog;
import org.tusk.catalog.PartitionKey;
import org.tusk.nodes.Expr;
import org.tusk.utils.adt.RegTypes;
import org.tusk.utils.cache.Relation;

/**
 * A partition's implicit constraint as text (PostgreSQL's partbounds.c get_qual_from_partbound
 * with get_qual_for_list / get_qual_for_range / get_qual_for_hash, partcache.c
 * generate_partition_qual, and ruleutils.c pg_get_partition_constraintdef, which deparses it
 * without pretty-printing). The qual is built directly in the text get_rule_expr prints for the
 * nodes PostgreSQL builds: every NullTest, OpExpr, ScalarArrayOpExpr and BoolExpr parenthesized,
 * constants as get_const_expr prints them with their type, key columns by name and key
 * expressions as pg_get_partkeydef_columns prints them (the text stored in partexprs).
 *
 * <p>The qual of a partition of a partition is its parent's qual followed by its own. Reads the
 * catalog with the caller's snapshot; takes no locks (as the SQL function does not).
 */
public final class PartitionQual {
    private PartitionQual() {}

    /** pg_get_partition_constraintdef: the constraint text, or null when the relation is no partition or has none. */
    public static String constraintdef(int relid, Catalog catalog) {
        if (catalog == null) return null;
        Relation rel = catalog.openRelation(relid);
        if (rel == null) return null;
        List<String> quals = generate(rel, catalog);
        if (quals.isEmpty()) return null;
        return quals.size() == 1 ? quals.get(0) : and(quals);
    }

    /** generate_partition_qual: the ancestors' quals, then the relation's own. */
    private static List<String> generate(Relation rel, Catalog catalog) {
        PartitionCatalog pc = catalog.partitions();
        List<String> out = new ArrayList<>();
        if (pc.boundText(rel.oid()) == null) return out;
        List<Integer> parents = catalog.inheritanceParents(rel.oid());
        if (parents.isEmpty()) return out;
        Relation parent = catalog.openRelation(parents.get(0));
        PartitionKey key = pc.key(parent);
        if (key == null) return out;
        List<PartitionCatalog.Partition> parts = pc.partitions(parent, key, catalog);
        PartitionBound own = PartitionBound.parse(pc.boundText(rel.oid()), key);
        if (parent.isPartition()) out.addAll(generate(parent, catalog));
        out.addAll(switch (key.strategy()) {
            case 'h' -> List.of(hash(parent, key, own));
            case 'l' -> list(key, own, parts, rel.oid());
            default -> range(key, own, parts, rel.oid());
        });
        return out;
    }

    /** get_qual_for_hash: satisfies_hash_partition(parent, modulus, remainder, key...). */
    private static String hash(Relation parent, PartitionKey key, PartitionBound b) {
        StringBuilder sb = new StringBuilder("satisfies_hash_partition(")
                .append(constant(Integer.toUnsignedLong(parent.oid()), org.tusk.catalog.TypeOids.OID, -1))
                .append(", ").append(b.modulus()).append(", ").append(b.remainder());
        for (int i = 0; i < key.count(); i++) sb.append(", ").append(keyText(key, i));
        return sb.append(')').toString();
    }

    /** get_qual_for_list. */
    private static List<String> list(PartitionKey key, PartitionBound b, List<PartitionCatalog.Partition> parts, int self) {
        List<Object> elems = new ArrayList<>();
        boolean hasNull = false;
        if (b.isDefault()) {
            // everything the other partitions accept, in bound order
            for (PartitionCatalog.Partition p : parts) {
                if (p.oid() == self || p.bound().isDefault()) continue;
                for (Object v : p.bound().listDatums()) {
                    if (v == null) hasNull = true;
                    else elems.add(v);
                }
            }
            if (elems.isEmpty() && !hasNull) return List.of();
            elems.sort((x, y) -> key.compare(0, x, y));
        } else {
            for (Object v : b.listDatums()) {
                if (v == null) hasNull = true;
                else elems.add(v);
            }
        }
        String col = keyText(key, 0);
        String nulltest = "(" + col + (hasNull ? " IS NULL)" : " IS NOT NULL)");
        String opexpr = null;
        if (!elems.isEmpty()) {
            if (elems.size() == 1) {
                opexpr = op(col, "=", constant(elems.get(0), key, 0));
            } else if (org.tusk.catalog.ArrayTypes.isArray(key.typeOid(0))) {
                List<String> arms = new ArrayList<>();
                for (Object v : elems) arms.add(op(col, "=", constant(v, key, 0)));
                opexpr = or(arms);
            } else {
                StringBuilder sb = new StringBuilder("(").append(col).append(" = ANY (ARRAY[");
                for (int i = 0; i < elems.size(); i++) {
                    if (i > 0) sb.append(", ");
                    sb.append(constant(elems.get(i), key, 0));
                }
                opexpr = sb.append("]))").toString();
            }
        }
        List<String> result;
        if (!hasNull) result = opexpr == null ? List.of(nulltest) : List.of(nulltest, opexpr);
        else result = List.of(opexpr == null ? nulltest : or(List.of(nulltest, opexpr)));
        if (b.isDefault()) return List.of("(NOT " + (result.size() == 1 ? result.get(0) : and(result)) + ")");
        return result;
    }

    /** get_qual_for_range. */
    private static List<String> range(PartitionKey key, PartitionBound b, List<PartitionCatalog.Partition> parts, int self) {
        if (b.isDefault()) {
            List<PartitionCatalog.Partition> others = new ArrayList<>();
            for (PartitionCatalog.Partition p : parts) if (p.oid() != self && !p.bound().isDefault()) others.add(p);
            others.sort((x, y) -> PartitionBound.compareRange(key, x.bound().lower(), y.bound().lower()));
            List<String> orArgs = new ArrayList<>();
            for (PartitionCatalog.Partition p : others) {
                List<String> q = rangeBound(key, p.bound(), true);
                orArgs.add(q.size() > 1 ? and(q) : q.get(0));
            }
            if (orArgs.isEmpty()) return List.of();
            List<String> c = new ArrayList<>(nullTests(key));
            c.add(orArgs.size() > 1 ? or(orArgs) : orArgs.get(0));
            return List.of("(NOT " + and(c) + ")");
        }
        return rangeBound(key, b, false);
    }

    /** get_qual_for_range for one non-default bound; {@code forDefault} leaves the IS NOT NULL tests out. */
    private static List<String> rangeBound(PartitionKey key, PartitionBound b, boolean forDefault) {
        List<String> result = new ArrayList<>();
        if (!forDefault) result.addAll(nullTests(key));
        List<RangeDatum> lower = b.lower(), upper = b.upper();
        int n = key.count();
        // leading columns whose lower and upper values are equal: col = value
        int i = 0;
        for (; i < n; i++) {
            RangeDatum l = lower.get(i), u = upper.get(i);
            if (l.kind() != RangeDatum.VALUE || u.kind() != RangeDatum.VALUE) break;
            if (key.compare(i, l.value(), u.value()) != 0) break;
            result.add(op(keyText(key, i), "=", constant(l.value(), key, i)));
        }
        List<String> lowerArms = new ArrayList<>(), upperArms = new ArrayList<>();
        boolean needLower = true, needUpper = true;
        for (int arm = 0; arm < n - i; arm++) {
            List<String> lowerArgs = new ArrayList<>(), upperArgs = new ArrayList<>();
            for (int j = i; j < n; j++) {
                RangeDatum l = lower.get(j), u = upper.get(j);
                RangeDatum lNext = j + 1 < n ? lower.get(j + 1) : null, uNext = j + 1 < n ? upper.get(j + 1) : null;
                boolean lowerVal = l.kind() == RangeDatum.VALUE, upperVal = u.kind() == RangeDatum.VALUE;
                if (needLower && lowerVal) {
                    String opr = j - i < arm ? "=" : j == n - 1 || lNext != null && lNext.kind() == RangeDatum.MINVALUE ? ">=" : ">";
                    lowerArgs.add(op(keyText(key, j), opr, constant(l.value(), key, j)));
                }
                if (needUpper && upperVal) {
                    String opr = j - i < arm ? "=" : uNext != null && uNext.kind() == RangeDatum.MAXVALUE ? "<=" : "<";
                    upperArgs.add(op(keyText(key, j), opr, constant(u.value(), key, j)));
                }
                if (j + 1 - i > arm) {
                    // no more arms once the next column is unbounded, or this one was
                    if (!lowerVal || lNext == null || lNext.kind() != RangeDatum.VALUE) needLower = false;
                    if (!upperVal || uNext == null || uNext.kind() != RangeDatum.VALUE) needUpper = false;
                    break;
                }
            }
            if (!lowerArgs.isEmpty()) lowerArms.add(lowerArgs.size() > 1 ? and(lowerArgs) : lowerArgs.get(0));
            if (!upperArgs.isEmpty()) upperArms.add(upperArgs.size() > 1 ? and(upperArgs) : upperArgs.get(0));
            if (!needLower && !needUpper) break;
        }
        if (!lowerArms.isEmpty()) result.add(lowerArms.size() > 1 ? or(lowerArms) : lowerArms.get(0));
        if (!upperArms.isEmpty()) result.add(upperArms.size() > 1 ? or(upperArms) : upperArms.get(0));
        if (result.isEmpty()) return forDefault ? List.of("true") : nullTests(key);
        return result;
    }

    /** get_range_nulltest: key IS NOT NULL for every key element. */
    private static List<String> nullTests(PartitionKey key) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < key.count(); i++) out.add("(" + keyText(key, i) + " IS NOT NULL)");
        return out;
    }

    private static String keyText(PartitionKey key, int i) {
        return key.isExpression(i) ? key.expression(i) : RegTypes.quote(key.columnName(i));
    }

    private static String op(String left, String op, String right) {
        return "(" + left + " " + op + " " + right + ")";
    }

    private static String and(List<String> args) {
        return "(" + String.join(" AND ", args) + ")";
    }

    private static String or(List<String> args) {
        return "(" + String.join(" OR ", args) + ")";
    }

    private static String constant(Object value, PartitionKey key, int i) {
        return constant(value, key.typeOid(i), key.typmod(i));
    }

    /** get_const_expr(showtype 0). */
    private static String constant(Object value, int type, int typmod) {
        return Deparser.deparse(new Expr.Const(type, typmod, value, -1));
    }
}
