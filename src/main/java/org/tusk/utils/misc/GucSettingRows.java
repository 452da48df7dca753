package org.tusk.utils.misc;

import java.util.List;

/** Builds pg_settings rows from a variable ({@code GetConfigOptionValues}). */
final class GucSettingRows {
    private GucSettingRows() {}

    static GucSettingRow of(GucVariable var, boolean mayReadAllSettings) {
        GucDefinition def = var.def;
        String minVal = null;
        String maxVal = null;
        List<String> enumvals = null;
        switch (def.type()) {
            case INT -> {
                minVal = def.min().toString();
                maxVal = def.max().toString();
            }
            case REAL -> {
                minVal = CNumberFormat.g(def.min().doubleValue());
                maxVal = CNumberFormat.g(def.max().doubleValue());
            }
            case ENUM -> enumvals = def.enumOptions().stream().filter(o -> !o.hidden()).map(GucEnumOption::name)
                    .toList();
            default -> { }
        }
        // Like PostgreSQL, a NULL string shows as NULL in boot_val/reset_val but "" in setting.
        String bootVal = def.bootValue() == null ? null : GucValueFormatter.show(def, def.bootValue(), false);
        String resetVal = var.resetValue == null ? null : GucValueFormatter.show(def, var.resetValue, false);
        // The file location is only revealed to those who may read the file's contents anyway.
        boolean showFile = var.source == GucSource.FILE && mayReadAllSettings;
        return new GucSettingRow(
                def.name(),
                GucValueFormatter.show(def, var.value, false),
                def.unit().pgName(),
                def.category().title(),
                def.shortDesc(),
                def.longDesc(),
                def.context().pgName(),
                def.type().pgName(),
                var.source.pgName(),
                minVal,
                maxVal,
                enumvals,
                bootVal,
                resetVal,
                showFile ? var.sourceFile : null,
                showFile ? var.sourceLine : null,
                var.pendingRestart);
    }
}
