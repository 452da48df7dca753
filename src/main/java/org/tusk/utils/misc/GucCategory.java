package org.tusk.utils.misc;

/**
 * The grouping pg_settings shows in {@code category} (PostgreSQL's {@code config_group} and
 * {@code config_group_names}); the texts are PostgreSQL 15's.
 */
public enum GucCategory {
    UNGROUPED("Ungrouped"),
    FILE_LOCATIONS("File Locations"),
    CONN_AUTH_SETTINGS("Connections and Authentication / Connection Settings"),
    CONN_AUTH_AUTH("Connections and Authentication / Authentication"),
    RESOURCES_MEM("Resource Usage / Memory"),
    RESOURCES_BGWRITER("Resource Usage / Background Writer"),
    RESOURCES_ASYNCHRONOUS("Resource Usage / Asynchronous Behavior"),
    WAL_SETTINGS("Write-Ahead Log / Settings"),
    WAL_CHECKPOINTS("Write-Ahead Log / Checkpoints"),
    QUERY_TUNING_METHOD("Query Tuning / Planner Method Configuration"),
    QUERY_TUNING_COST("Query Tuning / Planner Cost Constants"),
    QUERY_TUNING_GEQO("Query Tuning / Genetic Query Optimizer"),
    QUERY_TUNING_OTHER("Query Tuning / Other Planner Options"),
    LOGGING_WHERE("Reporting and Logging / Where to Log"),
    LOGGING_WHEN("Reporting and Logging / When to Log"),
    LOGGING_WHAT("Reporting and Logging / What to Log"),
    PROCESS_TITLE("Reporting and Logging / Process Title"),
    STATS_CUMULATIVE("Statistics / Cumulative Query and Index Statistics"),
    AUTOVACUUM("Autovacuum"),
    CLIENT_CONN_STATEMENT("Client Connection Defaults / Statement Behavior"),
    CLIENT_CONN_LOCALE("Client Connection Defaults / Locale and Formatting"),
    LOCK_MANAGEMENT("Lock Management"),
    COMPAT_OPTIONS_PREVIOUS("Version and Platform Compatibility / Previous PostgreSQL Versions"),
    ERROR_HANDLING_OPTIONS("Error Handling"),
    PRESET_OPTIONS("Preset Options"),
    DEVELOPER_OPTIONS("Developer Options"),
    CUSTOM_OPTIONS("Customized Options");

    private final String title;

    GucCategory(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
