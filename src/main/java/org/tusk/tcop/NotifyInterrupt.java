package org.tusk.tcop;

import org.tusk.storage.lmgr.Proc;

/**
 * Delivering LISTEN notifications to the client (postgres.c's and async.c's
 * ProcessNotifyInterrupt): called only while the backend is idle outside any transaction, before
 * ReadyForQuery and while it waits for the next command. A notifying backend's SIGUSR1 carries
 * {@link Proc#INTERRUPT_NOTIFY} in our PGPROC; taking that bit (or our own commit's flag) makes us
 * read the queue and send a NotificationResponse for each notification of a channel we listen to.
 */
final class NotifyInterrupt {
    private final BackendContext ctx;

    NotifyInterrupt(BackendContext ctx) {
        this.ctx = ctx;
    }

    /** ProcessNotifyInterrupt(false): the messages are buffered, ReadyForQuery's flush sends them. */
    void process() {
        if (ctx.storage == null) return;
        var async = ctx.storage.async;
        if (ctx.proc.takePendingInterrupt(Proc.INTERRUPT_NOTIFY)) async.notifyInterrupt();
        if (!async.interruptPending()) return;
        async.processInterrupt(ctx.messages::notificationResponse);
    }

    /** ProcessNotifyInterrupt(true): while waiting for the client, the messages go out at once. */
    void processAndFlush() {
        process();
        ctx.messages.flush();
    }
}
