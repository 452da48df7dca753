package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.ConstraintInfo;
import org.tusk.catalog.RelationLocks;
import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * COMMENT ON (PostgreSQL's commands/comment.c CommentObject, with objectaddress.c
 * get_object_address for the lookup): finds the object, locks it as get_object_address does
 * (ShareUpdateExclusiveLock on a relation, so that concurrent DDL on it waits but its readers and
 * writers do not), and stores the comment in pg_description ({@link Catalog#setComment}); a
 * NULL or empty comment removes it. The comment goes with the object when it is dropped.
 *
 * <p>Differs from PostgreSQL: ownership is checked only for constraints (of tables and domains),
 * and a comment on a built-in function cannot be set (built-in functions have no pg_proc rows in Tusk).
 */
public final class CommentCommand {
    private CommentCommand() {}

    public static void comment(Stmt.CommentStmt s, String queryString, ExecEnvironment env) {
        Catalog catalog = env.catalog();
        switch (s.objtype()) {
            case "column" -> commentOnColumn(s, catalog);
            case "constraint" -> {
                Relation rel = openRelation(s.names(), catalog);
                if (rel.relkind() != 'r') {
                    throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table");
                }
                ConstraintInfo found = null;
                for (ConstraintInfo c : catalog.constraintsOf(rel)) if (c.name().equals(s.member())) found = c;
                if (found == null) {
                    throw PgException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + s.member() + "\" for table \""
                            + rel.name() + "\" does not exist");
                }
                // check_object_ownership for OBJECT_TABCONSTRAINT: the table's owner
                if (!env.currentUserIsSuperuser() && rel.owner() != env.currentUserId() && !org.tusk.catalog.RoleMembership
                        .hasPrivsOfRole(org.tusk.catalog.ObjectNames.current().sharedCatalog(), env.currentUserId(), rel.owner()))
                    throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of relation " + rel.name());
                catalog.setComment(SystemCatalogs.PG_CONSTRAINT.oid(), found.oid(), 0, s.comment());
            }
            case "domain constraint" -> commentOnDomainConstraint(s, queryString, env);
            case "schema" -> {
                String name = s.names().get(0);
                if (s.names().size() != 1) {
                    throw PgException.error(SqlState.SYNTAX_ERROR, "schema name cannot be qualified");
                }
                int nsp = catalog.namespaceOid(name);
                if (nsp == 0) throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
                catalog.setComment(SystemCatalogs.PG_NAMESPACE.oid(), nsp, 0, s.comment());
            }
            case "type" -> {
                int typeOid = typeOid(s.type(), queryString);
                catalog.setComment(SystemCatalogs.PG_TYPE.oid(), typeOid, 0, s.comment());
            }
            case "function" -> {
                SqlFunction f = lookupFunction(s.function(), queryString, catalog);
                catalog.setComment(SystemCatalogs.PG_PROC.oid(), f.oid(), 0, s.comment());
            }
            case "aggregate" -> {
                Stmt.DropFunctionStmt.FunctionRef f = s.function();
                int oid = AggregateCommands.lookup(new Stmt.DropAggregateStmt.AggregateRef(f.name(), f.argTypes(), -1),
                        queryString, env).oid();
                catalog.setComment(SystemCatalogs.PG_PROC.oid(), oid, 0, s.comment());
            }
            default -> {
                Relation rel = openRelation(s.names(), catalog);
                checkRelkind(rel, s.objtype());
                catalog.setComment(SystemCatalogs.PG_CLASS.oid(), rel.oid(), 0, s.comment());
            }
        }
    }

    /**
     * OBJECT_DOMCONSTRAINT: get_object_address_type(OBJECT_DOMAIN) (the type must be a domain),
     * get_domain_constraint_oid, then check_object_ownership (the domain's owner).
     */
    private static void commentOnDomainConstraint(Stmt.CommentStmt s, String queryString, ExecEnvironment env) {
        Catalog catalog = env.catalog();
        int typeOid = typeOid(s.type(), queryString);
        org.tusk.catalog.DomainInfo d = catalog.types().domain(typeOid);
        if (d == null)
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + org.tusk.catalog.BuiltinCatalog.formatType(typeOid)
                    + "\" is not a domain");
        org.tusk.catalog.DomainInfo.Check found = null;
        for (org.tusk.catalog.DomainInfo.Check c : d.checks()) if (c.name().equals(s.member())) found = c;
        if (found == null)
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + s.member() + "\" for domain "
                    + org.tusk.catalog.BuiltinCatalog.formatType(typeOid) + " does not exist");
        int owner = catalog.typeDdl().owner(typeOid);
        if (!env.currentUserIsSuperuser() && owner != env.currentUserId() && !org.tusk.catalog.RoleMembership
                .hasPrivsOfRole(org.tusk.catalog.ObjectNames.current().sharedCatalog(), env.currentUserId(), owner))
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of type "
                    + org.tusk.catalog.BuiltinCatalog.formatType(typeOid));
        catalog.setComment(SystemCatalogs.PG_CONSTRAINT.oid(), found.oid(), 0, s.comment());
    }

    /** get_object_address_attribute, then CommentObject's restriction to the relkinds pg_dump dumps column comments of. */
    private static void commentOnColumn(Stmt.CommentStmt s, Catalog catalog) {
        if (s.names().size() < 2) throw PgException.error(SqlState.SYNTAX_ERROR, "column name must be qualified");
        List<String> relName = s.names().subList(0, s.names().size() - 1);
        String column = s.names().get(s.names().size() - 1);
        Relation rel = openRelation(relName, catalog);
        int attnum = 0;
        for (int i = 0; i < rel.desc().natts(); i++) {
            if (rel.desc().attr(i).name().equals(column) && !rel.desc().attr(i).attisdropped()) attnum = i + 1;
        }
        if (attnum == 0) {
            throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + rel.name()
                    + "\" does not exist");
        }
        char k = rel.relkind();
        if (k != 'r' && k != 'v' && k != 'm' && k != 'c' && k != 'f' && k != 'p') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot set comment on relation \"" + rel.name() + "\"")
                    .withDetail(org.tusk.catalog.RelkindDetail.notSupported(k));
        }
        catalog.setComment(SystemCatalogs.PG_CLASS.oid(), rel.oid(), attnum, s.comment());
    }

    /** relation_openrv with ShareUpdateExclusiveLock: 42P01 if there is no such relation. */
    private static Relation openRelation(List<String> names, Catalog catalog) {
        if (names.size() > 3) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "improper relation name (too many dotted names): " + String.join(".", names));
        }
        String schema = names.size() >= 2 ? names.get(names.size() - 2) : null;
        String name = names.get(names.size() - 1);
        Relation rel = catalog.openRelation(schema, name, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
        if (rel == null) {
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + (schema == null ? name : schema + "." + name)
                    + "\" does not exist");
        }
        return rel;
    }

    /** get_relation_by_qualified_name's kind check. */
    private static void checkRelkind(Relation rel, String objtype) {
        char k = rel.relkind();
        boolean ok = switch (objtype) {
            case "table" -> k == 'r' || k == 'p';
            case "index" -> k == 'i' || k == 'I';
            case "sequence" -> k == 'S';
            case "view" -> k == 'v';
            case "materialized view" -> k == 'm';
            case "foreign table" -> k == 'f';
            default -> throw new IllegalStateException("not a relation object type: " + objtype);
        };
        if (!ok) {
            String article = objtype.equals("index") ? "an " : "a ";
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not " + article + objtype);
        }
    }

    /** LookupFuncWithArgs for the functions of pg_proc. */
    private static SqlFunction lookupFunction(Stmt.DropFunctionStmt.FunctionRef ref, String queryString, Catalog catalog) {
        List<String> qn = ref.name();
        String schema = qn.size() == 2 ? qn.get(0) : null;
        String name = qn.get(qn.size() - 1);
        String shown = String.join(".", qn);
        List<SqlFunction> cands = catalog.functions() == null ? List.of() : catalog.functions().candidates(schema, name);
        if (ref.argTypes() == null) {
            if (cands.size() > 1) {
                throw PgException.error("42725", "function name \"" + shown + "\" is not unique")
                        .withHint("Specify the argument list to select the function unambiguously.");
            }
            if (cands.isEmpty()) {
                throw PgException.error(SqlState.UNDEFINED_FUNCTION, "could not find a function named \"" + shown + "\"");
            }
            return cands.get(0);
        }
        List<Integer> types = new ArrayList<>();
        List<String> typeNames = new ArrayList<>();
        for (TypeName tn : ref.argTypes()) {
            int t = typeOid(tn, queryString);
            types.add(t);
            typeNames.add(org.tusk.catalog.BuiltinCatalog.formatType(t));
        }
        for (SqlFunction f : cands) if (f.argTypes().equals(types)) return f;
        throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function " + shown + "(" + String.join(", ", typeNames)
                + ") does not exist");
    }

    /**
     * typenameTypeId without a parse state, as get_object_address looks types up: the error
     * for an unknown type carries no cursor position.
     */
    private static int typeOid(TypeName tn, String queryString) {
        try {
            return ParseCoerce.resolveTypeName(tn, queryString).oid();
        } catch (PgException e) {
            if (e.position() == 0) throw e;
            throw new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0);
        }
    }

}
