package org.tusk.access.transam;

/** A resource manager's rm_redo: applies one record of its own to the pages it names. */
@FunctionalInterface
public interface RedoHandler {
    void redo(DecodedXLogRecord record, RedoContext ctx);
}
