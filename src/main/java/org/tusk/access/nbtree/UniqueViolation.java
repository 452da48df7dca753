package org.tusk.access.nbtree;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;

/**
 * ERRCODE_UNIQUE_VIOLATION as _bt_check_unique reports it, with errtableconstraint's fields:
 * the schema, the table and the constraint (the index's name), sent as the ErrorResponse's 's',
 * 't' and 'n' fields.
 */
public final class UniqueViolation extends PgException {
    private static final long serialVersionUID = 1L;

    private final String tableName;
    private final String constraintName;

    UniqueViolation(String message, String detail, String schemaName, String tableName, String constraintName) {
        super(Severity.ERROR, BTErrors.UNIQUE_VIOLATION, message, detail, null, 0);
        this.tableName = tableName;
        this.constraintName = constraintName;
        withObjects(new ErrorObjects(schemaName, tableName, null, null, constraintName));
    }

    public String tableName() { return tableName; }
    public String constraintName() { return constraintName; }
}
