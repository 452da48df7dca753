package org.tusk.catalog;

/**
 * A partitioned table's partition key (PostgreSQL's PartitionKeyData, partcache.h), built from its
 * pg_partitioned_table row and the columns' pg_attribute rows: the strategy and, per key column,
 * its attribute number, type and type modifier. Key expressions are not supported, so every
 * element is a column (partattrs has no zeros).
 *
 * @param strategy 'r' range, 'l' list, 'h' hash (PARTITION_STRATEGY_*)
 */
public record PartitionKey(char strategy, int[] attnums, int[] typeOids, int[] typmods, String[] columnNames) {
    public PartitionKey {
        attnums = attnums.clone();
        typeOids = typeOids.clone();
        typmods = typmods.clone();
        columnNames = columnNames.clone();
    }

    public int count() { return attnums.length; }

    public int attnum(int i) { return attnums[i]; }

    public int typeOid(int i) { return typeOids[i]; }

    public int typmod(int i) { return typmods[i]; }

    public String columnName(int i) { return columnNames[i]; }

    /** The strategy's name as pg_get_partkeydef prints it. */
    public String strategyName() {
        return switch (strategy) {
            case 'r' -> "RANGE";
            case 'l' -> "LIST";
            default -> "HASH";
        };
    }
}
