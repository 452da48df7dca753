package org.tusk.utils.activity;

/**
 * A backend's report of the command it is running (PostgreSQL's backend_progress.c:
 * pgstat_progress_start_command, _update_param, _end_command), read by the pg_stat_progress_*
 * views of every process. Only the backend itself reports, into its own status entry; a command
 * that ends by an error is ended by the transaction's abort, as AbortTransaction does.
 */
public interface CommandProgress {
    /** A command of {@code command}'s kind on relation {@code relid} (0: none) starts; every counter is 0. */
    void start(ProgressCommand command, int relid);

    /** Counter {@code index} (0-based: the views' param{@code index + 1}) is now {@code value}. */
    void update(int index, long value);

    /** No command in progress any more. */
    void end();

    /** Where nothing is reported (a process without a status entry). */
    CommandProgress NONE = new CommandProgress() {
        @Override public void start(ProgressCommand command, int relid) { }
        @Override public void update(int index, long value) { }
        @Override public void end() { }
    };
}
