package org.tusk.tcop;

import org.tusk.utils.misc.GucCheckException;
import org.tusk.utils.misc.GucSettings;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A transaction's characteristics: isolation level, read-only and deferrable status (PostgreSQL's
 * XactIsoLevel, XactReadOnly and XactDeferrable, which are the variables behind the
 * {@code transaction_isolation}, {@code transaction_read_only} and {@code transaction_deferrable}
 * parameters). The parameters are the only copy: SHOW reads them, the snapshot code and the
 * read-only checks read them.
 *
 * <ul>
 * <li>Each transaction starts with the {@code default_transaction_*} values (StartTransaction),
 *     assigned directly, so that a committed {@code SET transaction_isolation} does not outlive
 *     its transaction.</li>
 * <li>BEGIN's modes are SET LOCAL, SET TRANSACTION's are SET, SET SESSION CHARACTERISTICS sets
 *     the defaults (standard_ProcessUtility, ExecSetVariableStmt's VAR_SET_MULTI).</li>
 * <li>The check hooks (commands/variable.c: check_XactIsoLevel, check_transaction_read_only,
 *     check_transaction_deferrable) refuse a change once the transaction has taken its first
 *     snapshot, or inside a subtransaction, with 25001.</li>
 * <li>COMMIT/ROLLBACK AND CHAIN carry the characteristics over to the next transaction
 *     (SaveTransactionCharacteristics / RestoreTransactionCharacteristics).</li>
 * </ul>
 */
final class TransactionCharacteristics {
    static final String ISOLATION = "transaction_isolation", READ_ONLY = "transaction_read_only",
            DEFERRABLE = "transaction_deferrable";
    private static final List<String> NAMES = List.of(ISOLATION, READ_ONLY, DEFERRABLE);
    /** The {@code default_transaction_*} parameter of each of {@link #NAMES}, in the same order. */
    private static final List<String> DEFAULT_NAMES = NAMES.stream().map(n -> "default_" + n).toList();
    /** ERRCODE_ACTIVE_SQL_TRANSACTION. */
    private static final String ACTIVE_SQL_TRANSACTION = "25001";

    /** The three values, as saved for AND CHAIN. */
    record Saved(Object isolation, Object readOnly, Object deferrable) {}

    private TransactionCharacteristics() {}

    /** StartTransaction: XactIsoLevel = DefaultXactIsoLevel, and likewise read-only and deferrable. */
    static void atTransactionStart(GucSettings gucs) {
        for (int i = 0; i < NAMES.size(); i++) gucs.assignFrom(NAMES.get(i), DEFAULT_NAMES.get(i));
    }

    /** SaveTransactionCharacteristics. */
    static Saved save(GucSettings gucs) {
        return new Saved(gucs.rawValue(ISOLATION), gucs.rawValue(READ_ONLY), gucs.rawValue(DEFERRABLE));
    }

    /** RestoreTransactionCharacteristics, at the start of the chained transaction. */
    static void restore(GucSettings gucs, Saved s) {
        gucs.assignValue(ISOLATION, s.isolation());
        gucs.assignValue(READ_ONLY, s.readOnly());
        gucs.assignValue(DEFERRABLE, s.deferrable());
    }

    /**
     * The end of a subtransaction (CommitSubTransaction, AbortSubTransaction): the read-only
     * status goes back to what it was when the subtransaction started, so a SET TRANSACTION READ
     * ONLY inside a released savepoint does not reach the enclosing level.
     */
    static void restoreReadOnly(GucSettings gucs, boolean prev) {
        gucs.assignValue(READ_ONLY, prev);
    }

    /** XactReadOnly. */
    static boolean readOnly(GucSettings gucs) {
        return gucs.getBool(READ_ONLY);
    }

    /**
     * Applies transaction modes ("isolation level repeatable read", "read only", "not
     * deferrable"...) as SETs of the transaction parameters, or of their defaults when
     * {@code defaults} (SET SESSION CHARACTERISTICS). The check hooks decide whether it is too late.
     */
    static void apply(GucSettings gucs, List<String> modes, boolean defaults, boolean local, boolean superuser) {
        String prefix = defaults ? "default_" : "";
        for (String mode : modes) {
            String name, value;
            if (mode.startsWith("isolation level ")) {
                name = ISOLATION;
                value = mode.substring("isolation level ".length());
            } else {
                switch (mode) {
                    case "read only" -> { name = READ_ONLY; value = "on"; }
                    case "read write" -> { name = READ_ONLY; value = "off"; }
                    case "deferrable" -> { name = DEFERRABLE; value = "on"; }
                    case "not deferrable" -> { name = DEFERRABLE; value = "off"; }
                    default -> throw new IllegalArgumentException("unknown transaction mode \"" + mode + "\"");
                }
            }
            gucs.setFromSql(prefix + name, value, local, superuser);
        }
    }

    /**
     * Installs the check hooks of the three parameters. They consult the transaction:
     * {@code firstSnapshotSet} (FirstSnapshotSet) and {@code inSubTransaction} (IsSubTransaction).
     */
    static void installCheckHooks(GucSettings gucs, BooleanSupplier firstSnapshotSet, BooleanSupplier inSubTransaction) {
        gucs.addCheckHook(ISOLATION, (proposed, settings) -> {
            // check_XactIsoLevel: setting the current value again is always allowed.
            if (proposed.equals(settings.rawValue(ISOLATION))) return proposed;
            if (firstSnapshotSet.getAsBoolean()) {
                throw refuse("SET TRANSACTION ISOLATION LEVEL must be called before any query");
            }
            if (inSubTransaction.getAsBoolean()) {
                throw refuse("SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction");
            }
            return proposed;
        });
        gucs.addCheckHook(READ_ONLY, (proposed, settings) -> {
            // check_transaction_read_only: only leaving read-only mode is restricted.
            if ((Boolean) proposed || !settings.getBool(READ_ONLY)) return proposed;
            if (inSubTransaction.getAsBoolean()) {
                throw refuse("cannot set transaction read-write mode inside a read-only transaction");
            }
            if (firstSnapshotSet.getAsBoolean()) {
                throw refuse("transaction read-write mode must be set before any query");
            }
            return proposed;
        });
        gucs.addCheckHook(DEFERRABLE, (proposed, settings) -> {
            // check_transaction_deferrable
            if (inSubTransaction.getAsBoolean()) {
                throw refuse("SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction");
            }
            if (firstSnapshotSet.getAsBoolean()) {
                throw refuse("SET TRANSACTION [NOT] DEFERRABLE must be called before any query");
            }
            return proposed;
        });
    }

    private static GucCheckException refuse(String message) {
        return GucCheckException.invalid().sqlState(ACTIVE_SQL_TRANSACTION).message(message);
    }
}
