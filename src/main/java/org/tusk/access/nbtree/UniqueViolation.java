package org.tusk.access.nbtree;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;

/**
 * ERRCODE_UNIQUE_VIOLATION as _bt_check_unique reports it, with errtableconstraint's fields:
 * the table and the constraint (the index's name). The wire protocol's 't' and 'n' fields are
 * meant to be filled from these; PgException has no such fields yet.
 */
public final class UniqueViolation extends PgException {
    private static final long serialVersionUID = 1L;

    private final String tableName;
    private final String constraintName;

    UniqueViolation(String message, String detail, String tableName, String constraintName) {
        super(Severity.ERROR, BTErrors.UNIQUE_VIOLATION, message, detail, null, 0);
        this.tableName = tableName;
        this.constraintName = constraintName;
    }

    public String tableName() { return tableName; }
    public String constraintName() { return constraintName; }
}
