package org.tusk.commands;

import java.util.List;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.BootstrapCatalog.Role;
import org.tusk.catalog.TypeCache;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * ALTER TYPE / ALTER DOMAIN ... OWNER TO (typecmds.c AlterTypeOwner): a superuser, or the owner
 * giving the type to itself, changes typowner of the type and of its array type (and the owner
 * of a composite type's pg_class row). Nothing happens when the owner does not change, as in
 * PostgreSQL. An array type cannot be altered on its own (42809), ALTER DOMAIN names only domains.
 */
public final class TypeOwnerCommands {
    private TypeOwnerCommands() {}

    public static void alterOwner(Stmt.AlterTypeOwnerStmt s, SharedObjectEnv shared, ExecEnvironment env) {
        List<String> name = s.name();
        String shown = String.join(".", name);
        TypeCache types = env.catalog().types();
        int typeOid = types == null ? 0
                : types.lookupTypeName(name.size() == 2 ? name.get(0) : null, name.get(name.size() - 1));
        if (typeOid == 0) throw PgException.error(SqlState.UNDEFINED_OBJECT, "type \"" + shown + "\" does not exist");
        TypeCache.UserType t = types.type(typeOid);
        if (s.domain() && t.typtype() != 'd')
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, shown + " is not a domain");
        if (t.typelem() != 0 && t.name().startsWith("_"))
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot alter array type " + shown);
        BootstrapCatalog cat = shared.sharedCatalog().current();
        Role me = Roles.current(cat, shared);
        Role newOwner = Roles.resolve(cat, s.newOwner(), shared);
        int owner = env.catalog().typeDdl().owner(typeOid);
        if (newOwner.oid() == owner) return;
        if (!me.superuser()) {
            if (me.oid() != owner) throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of type " + shown);
            if (newOwner.oid() != me.oid())
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + newOwner.name() + "\"");
        }
        env.catalog().typeDdl().setOwner(typeOid, newOwner.oid());
    }
}
