package org.tusk.utils.misc;

/**
 * One accepted spelling of an enum parameter (PostgreSQL's {@code config_enum_entry}).
 * Several spellings may share a code; hidden ones are accepted as input but never listed in
 * hints or pg_settings.enumvals, and the first spelling with a code is the one displayed.
 */
public record GucEnumOption(String name, int code, boolean hidden) {
    public static GucEnumOption of(String name, int code) {
        return new GucEnumOption(name, code, false);
    }

    public static GucEnumOption hidden(String name, int code) {
        return new GucEnumOption(name, code, true);
    }
}
