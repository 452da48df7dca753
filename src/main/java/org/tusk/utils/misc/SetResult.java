package org.tusk.utils.misc;

/** What became of a request to set a parameter (the positive and negative results of set_config_option). */
public enum SetResult {
    /** The value was validated and stored (it may equal the old one). */
    APPLIED,
    /**
     * Nothing changed, without error: a higher-priority source holds the parameter, only the
     * RESET value was updated, or the change does not apply in this process.
     */
    IGNORED
}
