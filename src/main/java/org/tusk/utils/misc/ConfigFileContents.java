package org.tusk.utils.misc;

import java.util.List;

/**
 * The result of reading a configuration file and everything it includes: the settings in file
 * order (a later line for the same name wins), the messages to log, and whether the files were
 * free of syntax and include errors.
 */
public record ConfigFileContents(List<ConfigItem> items, List<GucMessage> messages, boolean ok) {
    /** The settings, without the recorded errors. */
    public List<ConfigItem> settings() {
        return items.stream().filter(i -> !i.isError()).toList();
    }
}
