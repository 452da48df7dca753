package org.tusk.tcop;

import java.util.function.Supplier;

import org.tusk.catalog.BootstrapCatalog.Role;
import org.tusk.catalog.SqlFunction;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.GucAction;
import org.tusk.utils.misc.GucContext;
import org.tusk.utils.misc.GucSettings;
import org.tusk.utils.misc.GucSource;

/**
 * fmgr_security_definer (utils/fmgr/fmgr.c): the wrapper around a call of a function that is
 * SECURITY DEFINER or has SET clauses (proconfig). For the call's duration the function's owner
 * becomes the current user (SetUserIdAndSecContext), then the function's settings are applied
 * at a new GUC nest level with GUC_ACTION_SAVE, in the privilege of that user (ProcessGUCArray
 * with SUSET for a superuser, else USERSET). On return both are undone (AtEOXact_GUC of the level,
 * the previous user); on error too, so that a caller catching the error (a plpgsql EXCEPTION
 * block) continues as itself: the level's changes are then discarded rather than kept.
 */
final class SecurityDefinerCall {
    private final BackendContext ctx;

    SecurityDefinerCall(BackendContext ctx) {
        this.ctx = ctx;
    }

    /** Runs {@code call} as {@code f}'s security context asks; directly when it asks for nothing. */
    <T> T run(SqlFunction f, Supplier<T> call) {
        if (!f.needsSecurityContext()) return call.get();
        SessionIdentity identity = ctx.identity;
        GucSettings gucs = ctx.env.gucs();
        Role saved = null;
        boolean switched = false;
        int level = -1;
        boolean ok = false;
        try {
            if (f.securityDefiner()) {
                Role owner = ctx.storage.sharedCatalog.current().role(f.owner()).orElseThrow(() ->
                        PgException.error(SqlState.UNDEFINED_OBJECT, "role with OID " + f.owner() + " does not exist"));
                saved = identity.setSecurityDefiner(owner);
                switched = true;
            }
            if (!f.config().isEmpty()) {
                level = gucs.newNestLevel();
                boolean superuser = ctx.storage.sharedCatalog.current().role(identity.currentUser().oid())
                        .map(Role::superuser).orElse(false);
                for (String entry : f.config()) {
                    int eq = entry.indexOf('=');
                    if (eq <= 0) continue;   // ProcessGUCArray skips entries that are not name=value
                    gucs.set(entry.substring(0, eq), entry.substring(eq + 1),
                            superuser ? GucContext.SUSET : GucContext.USERSET, GucSource.SESSION, GucAction.SAVE);
                }
            }
            T result = call.get();
            ok = true;
            return result;
        } finally {
            if (level >= 0) gucs.atEndOfNestLevel(ok, level);
            if (switched) identity.setSecurityDefiner(saved);
        }
    }
}
