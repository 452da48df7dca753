package org.tusk.rewrite;

import java.util.List;

/**
 * A view's check_option reloption (PostgreSQL's RelationHasCheckOption,
 * RelationHasCascadedCheckOption): "local", "cascaded", or none. CREATE VIEW ... WITH [LOCAL |
 * CASCADED] CHECK OPTION stores it in pg_class.reloptions as "check_option=local|cascaded",
 * exactly as WITH (check_option = ...) does.
 */
public final class ViewCheckOption {
    private static final String PREFIX = "check_option=";

    private ViewCheckOption() {}

    /** The check option in {@code reloptions} ("local" or "cascaded"), or null when there is none. */
    public static String of(List<String> reloptions) {
        for (String o : reloptions) if (o.startsWith(PREFIX)) return o.substring(PREFIX.length());
        return null;
    }
}
