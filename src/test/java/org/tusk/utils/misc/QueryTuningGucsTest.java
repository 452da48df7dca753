package org.tusk.utils.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** The planner, parallel-query and JIT parameters and max_stack_depth, as pg_settings and SET see them. */
class QueryTuningGucsTest {
    private final GucSettings settings = GucSettings.forBackend();

    private GucSettingRow row(String name) {
        return settings.settingRows(true).stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void pgSettingsRowsCarryPostgresTexts() {
        GucSettingRow r = row("min_parallel_table_scan_size");
        assertEquals(List.of("1024", "8kB", "Query Tuning / Planner Cost Constants", "user", "integer", "default", "0",
                "715827882", "1024", "1024"), List.of(r.setting(), r.unit(), r.category(), r.context(), r.vartype(),
                r.source(), r.minVal(), r.maxVal(), r.bootVal(), r.resetVal()));
        r = row("plan_cache_mode");
        assertEquals(List.of("auto", "force_generic_plan", "force_custom_plan"), r.enumvals());
        assertEquals("enum", r.vartype());
        r = row("geqo");
        assertEquals("Query Tuning / Genetic Query Optimizer", r.category());
        assertEquals("This algorithm attempts to do planning without exhaustive searching.", r.extraDesc());
        r = row("hash_mem_multiplier");
        assertEquals(List.of("2", "1", "1000", "real"), List.of(r.setting(), r.minVal(), r.maxVal(), r.vartype()));
        r = row("jit_above_cost");
        assertEquals("1.79769e+308", r.maxVal());
        assertEquals("-1 disables JIT compilation.", r.extraDesc());
        assertEquals("Developer Options", row("force_parallel_mode").category());
        assertNull(row("enable_memoize").enumvals());
    }

    @Test
    void maxStackDepthHasTheDynamicDefaultAndResetsToIt() {
        GucSettingRow r = row("max_stack_depth");
        assertEquals(List.of("2048", "kB", "superuser", "default", "100", "2048"),
                List.of(r.setting(), r.unit(), r.context(), r.source(), r.bootVal(), r.resetVal()));
        settings.setFromSql("max_stack_depth", "100kB", false, true);
        assertEquals("100kB", settings.show("max_stack_depth"));
        settings.setFromSql("max_stack_depth", null, false, true);
        assertEquals("2MB", settings.show("max_stack_depth"));
        PgException e = assertThrows(PgException.class,
                () -> settings.setFromSql("max_stack_depth", "1MB", false, false));
        assertEquals("permission denied to set parameter \"max_stack_depth\"", e.getMessage());
    }

    @Test
    void badValuesGetPostgresMessages() {
        PgException e = assertThrows(PgException.class,
                () -> settings.setFromSql("hash_mem_multiplier", "0.5", false, false));
        assertEquals("0.5 is outside the valid range for parameter \"hash_mem_multiplier\" (1 .. 1000)", e.getMessage());
        assertEquals("22023", e.sqlState());
        e = assertThrows(PgException.class, () -> settings.setFromSql("default_toast_compression", "lz4", false, false));
        assertEquals("invalid value for parameter \"default_toast_compression\": \"lz4\"", e.getMessage());
        e = assertThrows(PgException.class, () -> settings.setFromSql("enable_memoize", "maybe", false, false));
        assertEquals("parameter \"enable_memoize\" requires a Boolean value", e.getMessage());
    }

    @Test
    void isSuperuserIsHiddenFromShowAllButShowable() {
        assertEquals(0, settings.settingRows(true).stream().filter(r -> r.name().equals("is_superuser")).count());
        assertEquals("off", settings.show("is_superuser"));
    }
}
