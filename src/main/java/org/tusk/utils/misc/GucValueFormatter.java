package org.tusk.utils.misc;

/**
 * Renders a stored value as text ({@code ShowGUCOption}). SHOW uses units, choosing the
 * largest unit that divides the value evenly (16384 blocks of 8kB show as "128MB"); zero and
 * negative values are shown bare because they usually mean "disabled" or "automatic".
 * pg_settings.setting and ParameterStatus messages use the base unit without a suffix.
 */
public final class GucValueFormatter {
    private GucValueFormatter() {}

    public static String show(GucDefinition def, Object value, boolean useUnits) {
        switch (def.type()) {
            case BOOL -> {
                return ((Boolean) value) ? "on" : "off";
            }
            case INT -> {
                int v = (Integer) value;
                if (useUnits && v > 0 && def.unit() != GucUnit.NONE) {
                    GucUnit.Scaled scaled = def.unit().fromBase(v);
                    return scaled.value() + scaled.unit();
                }
                return Integer.toString(v);
            }
            case REAL -> {
                double v = (Double) value;
                if (useUnits && v > 0 && def.unit() != GucUnit.NONE) {
                    GucUnit.ScaledReal scaled = def.unit().fromBase(v);
                    return CNumberFormat.g(scaled.value()) + scaled.unit();
                }
                return CNumberFormat.g(v);
            }
            case ENUM -> {
                return def.enumName((Integer) value);
            }
            case STRING -> {
                return value == null ? "" : (String) value;
            }
        }
        throw new IllegalStateException("unknown type " + def.type());
    }
}
