package org.tusk.commands;

import java.util.function.Consumer;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.PgOperator;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * DROP OPERATOR (RemoveObjects for OBJECT_OPERATOR with LookupOperWithArgs). Every operator Tusk
 * has is built in (CREATE OPERATOR does not exist yet), so an operator that is found is one the
 * database system requires and cannot be dropped (2BP01), as PostgreSQL refuses to drop a pinned
 * object; one that is not found is 42883, or with IF EXISTS a NOTICE.
 */
public final class OperatorCommands {
    private OperatorCommands() {}

    public static void drop(Stmt.DropOperatorStmt s, String queryString, Consumer<String> notices) {
        for (Stmt.DropOperatorStmt.OperatorRef ref : s.operators()) {
            String name = String.join(".", ref.name());
            int left, right;
            try {
                left = type(ref.left(), queryString);
                right = type(ref.right(), queryString);
            } catch (PgException e) {
                // does_not_exist_skipping: a missing argument type is what is reported
                if (s.missingOk() && SqlState.UNDEFINED_OBJECT.equals(e.sqlState())) {
                    notices.accept(e.getMessage() + ", skipping");
                    continue;
                }
                throw e;
            }
            PgOperator found = null;
            String opname = ref.name().get(ref.name().size() - 1);
            boolean pgCatalog = ref.name().size() == 1 || ref.name().get(0).equals("pg_catalog");
            if (pgCatalog) {
                for (PgOperator o : BuiltinCatalog.operators(opname)) if (o.left() == left && o.right() == right) found = o;
            }
            if (found == null) {
                if (s.missingOk()) {
                    notices.accept("operator " + name + " does not exist, skipping");
                    continue;
                }
                // op_signature_string
                String sig = (left == 0 ? "" : BuiltinCatalog.formatType(left) + " ") + name + " " + BuiltinCatalog.formatType(right);
                throw PgException.error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + sig);
            }
            String desc = "operator " + name + "(" + (left == 0 ? "NONE" : BuiltinCatalog.formatType(left)) + ","
                    + BuiltinCatalog.formatType(right) + ")";
            throw PgException.error("2BP01", "cannot drop " + desc + " because it is required by the database system");
        }
    }

    /** A side's type OID, 0 for NONE. */
    private static int type(TypeName tn, String queryString) {
        if (tn == null) return 0;
        try {
            return ParseCoerce.resolveTypeName(tn, queryString).oid();
        } catch (PgException e) {
            // LookupTypeNameOid without a parse state: the error names no position
            throw new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0);
        }
    }
}
