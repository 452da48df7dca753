package org.tusk.commands;

/**
 * Where COPY FROM reads its data: the client's CopyData messages (the traffic cop's copy-in
 * sub-protocol) or a server file. Chunks have no relation to lines (a line may span chunks).
 */
public interface CopySource {
    /** Starts the transfer for {@code natts} columns (CopyInResponse); a file does nothing. */
    void start(int natts);

    /** The next chunk of data, or null when the data ended (CopyDone, end of file). */
    byte[] read();
}
