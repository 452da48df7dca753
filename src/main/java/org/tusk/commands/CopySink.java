package org.tusk.commands;

/**
 * Where COPY TO writes: CopyData messages to the client (the traffic cop's copy-out
 * sub-protocol) or a server file. Each {@link #write} is one whole row, terminator included.
 */
public interface CopySink {
    /** Starts the transfer for {@code natts} columns (CopyOutResponse). */
    void start(int natts);

    void write(byte[] row);

    /** Ends the transfer (CopyDone; closes a file). */
    void end();
}
