package org.tusk.catalog;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.VoidValue;
import org.tusk.utils.misc.AdvisoryLockKey;

import java.util.List;

import static org.tusk.catalog.TypeOids.*;

/**
 * lockfuncs.c's advisory lock functions: locks whose meaning the application decides, taken in the
 * heavyweight lock manager under the user lock method, on a bigint key or on two int keys.
 * {@code pg_advisory_lock} and its {@code _shared}, {@code _xact} and {@code try_} forms take one
 * (ExclusiveLock, or ShareLock for {@code _shared}), held until the session unlocks it or ends,
 * or for {@code _xact} until the transaction ends; the {@code try_} forms return false instead of
 * waiting; {@code pg_advisory_unlock[_shared]} gives back one session-level hold and
 * {@code pg_advisory_unlock_all} every one. A wait is the lock manager's: deadlock detection,
 * lock_timeout, statement_timeout and cancel all apply, and pg_locks shows the lock as
 * {@code advisory}.
 */
final class AdvisoryLockBuiltins {
    private AdvisoryLockBuiltins() {}

    static void register(BuiltinRegistry r) {
        for (boolean shared : new boolean[] {false, true}) {
            String suffix = shared ? "_shared" : "";
            for (boolean session : new boolean[] {true, false}) {
                String level = session ? "" : "_xact";
                r.fn("pg_advisory" + level + "_lock" + suffix, List.of(INT8), VOID, Volatility.VOLATILE, true, (c, a) -> {
                    c.session().advisoryLock(AdvisoryLockKey.of((Long) a[0]), shared, session, false);
                    return VoidValue.VOID;
                });
                r.fn("pg_advisory" + level + "_lock" + suffix, List.of(INT4, INT4), VOID, Volatility.VOLATILE, true, (c, a) -> {
                    c.session().advisoryLock(AdvisoryLockKey.of((Integer) a[0], (Integer) a[1]), shared, session, false);
                    return VoidValue.VOID;
                });
                r.fn("pg_try_advisory" + level + "_lock" + suffix, List.of(INT8), BOOL, Volatility.VOLATILE, true,
                        (c, a) -> c.session().advisoryLock(AdvisoryLockKey.of((Long) a[0]), shared, session, true));
                r.fn("pg_try_advisory" + level + "_lock" + suffix, List.of(INT4, INT4), BOOL, Volatility.VOLATILE, true,
                        (c, a) -> c.session().advisoryLock(AdvisoryLockKey.of((Integer) a[0], (Integer) a[1]), shared, session, true));
            }
            r.fn("pg_advisory_unlock" + suffix, List.of(INT8), BOOL, Volatility.VOLATILE, true,
                    (c, a) -> c.session().advisoryUnlock(AdvisoryLockKey.of((Long) a[0]), shared));
            r.fn("pg_advisory_unlock" + suffix, List.of(INT4, INT4), BOOL, Volatility.VOLATILE, true,
                    (c, a) -> c.session().advisoryUnlock(AdvisoryLockKey.of((Integer) a[0], (Integer) a[1]), shared));
        }
        r.fn("pg_advisory_unlock_all", List.of(), VOID, Volatility.VOLATILE, true, (c, a) -> {
            c.session().advisoryUnlockAll();
            return VoidValue.VOID;
        });
    }
}
