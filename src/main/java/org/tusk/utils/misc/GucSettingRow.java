package org.tusk.utils.misc;

import java.util.List;

/**
 * One row of the pg_settings view, with PostgreSQL's columns and texts. Columns that are NULL
 * in PostgreSQL are null here; {@code enumvals} is null except for enum parameters.
 */
public record GucSettingRow(
        String name,
        String setting,
        String unit,
        String category,
        String shortDesc,
        String extraDesc,
        String context,
        String vartype,
        String source,
        String minVal,
        String maxVal,
        List<String> enumvals,
        String bootVal,
        String resetVal,
        String sourcefile,
        Integer sourceline,
        boolean pendingRestart) {}
