package org.tusk.utils.misc;

/**
 * One line of a configuration file after parsing (PostgreSQL's {@code ConfigVariable}): a
 * setting, or, when {@code name} is null, an error recorded at that place so that a later
 * pg_file_settings view can show it.
 */
public record ConfigItem(String name, String value, String file, int line, String error) {
    static ConfigItem setting(String name, String value, String file, int line) {
        return new ConfigItem(name, value, file, line, null);
    }

    static ConfigItem error(String error, String file, int line) {
        return new ConfigItem(null, null, file, line, error);
    }

    public boolean isError() {
        return error != null;
    }
}
