package org.tusk.utils.misc;

import java.util.List;

/**
 * The base unit in which an integer or real parameter is stored (the {@code GUC_UNIT_*} flags),
 * and the conversion tables guc.c uses to accept and display values in other units.
 *
 * <p>Each unit is expressed as a multiple of a common quantum (bytes for memory, microseconds
 * for time) so one table serves every base unit; PostgreSQL spells the same table out per base
 * unit. The accepted unit names are case-sensitive, exactly as in PostgreSQL.
 */
public enum GucUnit {
    NONE(Kind.NONE, 1, null),
    BYTE(Kind.MEMORY, 1, "B"),
    KB(Kind.MEMORY, 1024, "kB"),
    MB(Kind.MEMORY, 1024 * 1024, "MB"),
    /** Data blocks of {@link #BLOCK_SIZE} bytes (shared_buffers, temp_buffers). */
    BLOCKS(Kind.MEMORY, GucUnit.BLOCK_SIZE, "8kB"),
    /** WAL blocks of {@link #WAL_BLOCK_SIZE} bytes (wal_buffers). */
    XBLOCKS(Kind.MEMORY, GucUnit.WAL_BLOCK_SIZE, "8kB"),
    MS(Kind.TIME, 1000, "ms"),
    S(Kind.TIME, 1000_000, "s"),
    MIN(Kind.TIME, 60_000_000, "min");

    /** Tusk's page size (BLCKSZ); also reported by the block_size parameter. */
    public static final int BLOCK_SIZE = 8192;
    /** Tusk's WAL page size (XLOG_BLCKSZ). */
    public static final int WAL_BLOCK_SIZE = 8192;

    static final String MEMORY_UNITS_HINT =
            "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";
    static final String TIME_UNITS_HINT =
            "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";

    enum Kind { NONE, MEMORY, TIME }

    /** A unit name a user may write, and its size in the kind's quantum (bytes or microseconds). */
    private record UnitName(String name, double quanta) {}

    // Ordered from greatest to smallest: display picks the first unit that divides evenly, and a
    // fractional input is rounded to a multiple of the next smaller unit.
    private static final List<UnitName> MEMORY_NAMES = List.of(
            new UnitName("TB", 1024.0 * 1024 * 1024 * 1024),
            new UnitName("GB", 1024.0 * 1024 * 1024),
            new UnitName("MB", 1024.0 * 1024),
            new UnitName("kB", 1024.0),
            new UnitName("B", 1.0));
    private static final List<UnitName> TIME_NAMES = List.of(
            new UnitName("d", 86_400_000_000.0),
            new UnitName("h", 3_600_000_000.0),
            new UnitName("min", 60_000_000.0),
            new UnitName("s", 1_000_000.0),
            new UnitName("ms", 1_000.0),
            new UnitName("us", 1.0));

    private final Kind kind;
    private final long quanta;
    private final String pgName;

    GucUnit(Kind kind, long quanta, String pgName) {
        this.kind = kind;
        this.quanta = quanta;
        this.pgName = pgName;
    }

    /** The unit as pg_settings shows it ("8kB" for blocks), or null for unitless parameters. */
    public String pgName() {
        return pgName;
    }

    public boolean isMemory() {
        return kind == Kind.MEMORY;
    }

    public boolean isTime() {
        return kind == Kind.TIME;
    }

    /** The hint given when a value carries a unit this parameter does not know. */
    String unitsHint() {
        return kind == Kind.MEMORY ? MEMORY_UNITS_HINT : TIME_UNITS_HINT;
    }

    private List<UnitName> names() {
        return kind == Kind.MEMORY ? MEMORY_NAMES : TIME_NAMES;
    }

    /**
     * Converts {@code value} given in {@code unitName} to this base unit ({@code convert_to_base_unit}).
     * Returns null when the unit name is unknown (the caller turns that into an error with a hint).
     */
    Double toBase(double value, String unitName) {
        List<UnitName> table = names();
        for (int i = 0; i < table.size(); i++) {
            if (!table.get(i).name().equals(unitName)) {
                continue;
            }
            double multiplier = table.get(i).quanta() / quanta;
            double converted = value * multiplier;
            // "30.1GB" is rounded to a whole number of the next smaller unit, as PostgreSQL does.
            if (i + 1 < table.size()) {
                double next = table.get(i + 1).quanta() / quanta;
                converted = Math.rint(converted / next) * next;
            }
            return converted;
        }
        return null;
    }

    /** A value in this base unit re-expressed in the largest unit that divides it evenly. */
    record Scaled(long value, String unit) {}

    /** {@code convert_int_from_base_unit}: 16384 blocks becomes 128MB, 300 s becomes 5min. */
    Scaled fromBase(long baseValue) {
        for (UnitName u : names()) {
            double multiplier = u.quanta() / quanta;
            if (multiplier <= 1.0 || baseValue % (long) multiplier == 0) {
                return new Scaled((long) Math.rint(baseValue / multiplier), u.name());
            }
        }
        throw new IllegalStateException("no display unit for " + this);
    }

    /** A real value re-expressed for display ({@code convert_real_from_base_unit}). */
    record ScaledReal(double value, String unit) {}

    ScaledReal fromBase(double baseValue) {
        for (UnitName u : names()) {
            double multiplier = u.quanta() / quanta;
            double scaled = baseValue / multiplier;
            if (multiplier <= 1.0 || scaled == Math.rint(scaled)) {
                return new ScaledReal(scaled, u.name());
            }
        }
        throw new IllegalStateException("no display unit for " + this);
    }
}
