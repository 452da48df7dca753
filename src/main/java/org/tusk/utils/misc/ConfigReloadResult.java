package org.tusk.utils.misc;

import java.util.List;

/**
 * The outcome of reading the configuration file into a process's settings: the messages to
 * log, in order, and whether everything in the file could be applied. At server start an
 * unsuccessful result ends with a FATAL message and the postmaster must not start.
 */
public record ConfigReloadResult(List<GucMessage> messages, boolean ok) {}
