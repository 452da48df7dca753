package org.tusk.tcop;

import java.util.Optional;
import java.util.function.Function;

import org.tusk.catalog.BootstrapCatalog.Role;
import org.tusk.utils.misc.GucSettings;

/**
 * The session's three user identities (PostgreSQL 15's utils/init/miscinit.c: AuthenticatedUserId,
 * SessionUserId, and OuterUserId/CurrentUserId as SetCurrentRoleId leaves them).
 *
 * <p>The authenticated role never changes. The session user follows the
 * {@code session_authorization} setting and the current user the {@code role} setting ("none":
 * the session user). Because both are ordinary settings, SET LOCAL, RESET, transaction abort and
 * the end of a transaction undo them exactly as they undo any setting; the identities are derived
 * from the settings whenever these have changed (GucSettings.valueChanges), so nothing else has
 * to be told. Names are resolved through the session's view of pg_authid; a role that was dropped
 * meanwhile keeps the identity it resolved to last (PostgreSQL keeps the OID).
 *
 * <p>A SECURITY DEFINER function overrides the current user for its call only; the override is
 * not a setting (SET ROLE is refused inside such a function in PostgreSQL, and the override is
 * restored by the call itself on return or error).
 */
final class SessionIdentity {
    private final Role authenticated;
    private final GucSettings gucs;
    private final Function<String, Optional<Role>> lookup;
    private long seenChanges = -1;
    private String sessionName, roleName;
    private Role session, current;
    /** The owner of the SECURITY DEFINER function running now, or null (see {@link #setSecurityDefiner}). */
    private Role definer;

    SessionIdentity(Role authenticated, GucSettings gucs, Function<String, Optional<Role>> lookup) {
        this.authenticated = authenticated;
        this.gucs = gucs;
        this.lookup = lookup;
        this.session = authenticated;
        this.current = authenticated;
        this.sessionName = authenticated.name();
        this.roleName = "none";
    }

    /** GetAuthenticatedUserId. */
    Role authenticated() {
        return authenticated;
    }

    /** GetSessionUserId. */
    Role sessionUser() {
        refresh();
        return session;
    }

    /** GetUserId: the role whose privileges apply (a SECURITY DEFINER function's owner while it runs). */
    Role currentUser() {
        refresh();
        return definer != null ? definer : current;
    }

    /**
     * SetUserIdAndSecContext for fmgr_security_definer: while {@code role} is set it is the current
     * user, whatever SET ROLE says; null gives the settings back their say. Returns the role set
     * before, which the caller restores when the function returns or fails.
     */
    Role setSecurityDefiner(Role role) {
        Role before = definer;
        definer = role;
        return before;
    }

    /** Whether SET ROLE is in force (SetRoleIsActive): SHOW role then names it, else "none". */
    boolean roleIsSet() {
        refresh();
        return !roleName.equals("none");
    }

    private void refresh() {
        long changes = gucs.valueChanges();
        if (changes == seenChanges) return;
        seenChanges = changes;
        String sa = gucs.getString("session_authorization");
        String r = gucs.getString("role");
        if (r == null) r = "none";
        boolean sessionChanged = false;
        if (sa != null && !sa.equals(sessionName)) {
            session = sa.equals(authenticated.name()) ? authenticated : lookup.apply(sa).orElse(session);
            sessionName = sa;
            sessionChanged = true;
        }
        if (sessionChanged || !r.equals(roleName)) {
            roleName = r;
            current = r.equals("none") ? session : lookup.apply(r).orElse(current);
        }
    }
}
