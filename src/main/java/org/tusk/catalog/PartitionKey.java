package org.tusk.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A partitioned table's partition key (PostgreSQL's PartitionKeyData, partcache.h), built from its
 * pg_partitioned_table row and the columns' pg_attribute rows: the strategy and, per key element,
 * its attribute number (0 for an expression, as in partattrs), the expression's SQL text for an
 * expression element (partexprs), its type and type modifier, and the operator class and
 * collation it is compared with (partclass, partcollation; 0 where the key is hashed without a
 * class or the type has no collation).
 *
 * <p>An expression element's text is analysed over the partitioned table's row wherever key
 * values are formed (executor's FormPartitionKeyDatum), as index expressions are.
 *
 * @param strategy 'r' range, 'l' list, 'h' hash (PARTITION_STRATEGY_*)
 * @param exprs    per element, the expression's SQL text, or null for a plain column
 * @param columnNames per element, the column's name, or null for an expression
 * @param support  the comparison functions of user-defined operator classes (partsupfunc), or
 *                 null when every element compares by its type's built-in comparison
 */
public record PartitionKey(char strategy, int[] attnums, String[] exprs, int[] typeOids, int[] typmods, int[] opclasses,
                           int[] collations, String[] columnNames, PartitionSupport support) {
    public PartitionKey(char strategy, int[] attnums, String[] exprs, int[] typeOids, int[] typmods, int[] opclasses,
                        int[] collations, String[] columnNames) {
        this(strategy, attnums, exprs, typeOids, typmods, opclasses, collations, columnNames, null);
    }

    public PartitionKey {
        attnums = attnums.clone();
        exprs = exprs.clone();
        typeOids = typeOids.clone();
        typmods = typmods.clone();
        opclasses = opclasses.clone();
        collations = collations.clone();
        columnNames = columnNames.clone();
    }

    public int count() { return attnums.length; }

    /**
     * The key's comparison of two non-null values of element {@code i} (partsupfunc[i]): a
     * user-defined class's support function, else the built-in comparison of the type the
     * element's class compares ({@link PartitionBound#keyType}).
     */
    public int compare(int i, Object a, Object b) {
        if (support != null && support.calls(i)) return support.compare(i, a, b);
        return org.tusk.utils.adt.Comparisons.compare(PartitionBound.keyType(this, i), a, b);
    }

    /** Whether element {@code i} compares through a user-defined class's support function. */
    public boolean comparesThroughFunction(int i) {
        return support != null && support.calls(i);
    }

    /** The element's column number, 0 for an expression element. */
    public int attnum(int i) { return attnums[i]; }

    /** Whether element {@code i} is an expression rather than a column. */
    public boolean isExpression(int i) { return attnums[i] == 0; }

    /** Whether any element is an expression (partexprs is not NULL). */
    public boolean hasExpressions() {
        for (int a : attnums) if (a == 0) return true;
        return false;
    }

    /** The SQL text of expression element {@code i}. */
    public String expression(int i) { return exprs[i]; }

    /**
     * partexprs as stored: the expression elements' texts in key order, comma-separated (the
     * form pg_index.indexprs has, so the same analysis reads both).
     */
    public String expressionsText() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count(); i++) if (attnums[i] == 0) out.add(exprs[i]);
        return out.isEmpty() ? null : String.join(", ", out);
    }

    public int typeOid(int i) { return typeOids[i]; }

    public int typmod(int i) { return typmods[i]; }

    public int opclass(int i) { return opclasses[i]; }

    public int collation(int i) { return collations[i]; }

    /** The column's name, or null for an expression element. */
    public String columnName(int i) { return columnNames[i]; }

    /** How the element is named in messages: the column's name, or the expression's text. */
    public String displayName(int i) { return attnums[i] != 0 ? columnNames[i] : exprs[i]; }

    /** The strategy's name as pg_get_partkeydef prints it. */
    public String strategyName() {
        return switch (strategy) {
            case 'r' -> "RANGE";
            case 'l' -> "LIST";
            default -> "HASH";
        };
    }
}
