package org.tusk.catalog;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.util.ArrayList;
import java.util.List;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.*;

/**
 * pg_constraint rows of CHECK and FOREIGN KEY constraints, and the changes ALTER TABLE makes to
 * any constraint (PostgreSQL's pg_constraint.c CreateConstraintEntry, ChooseConstraintName,
 * RenameConstraintById, heap.c StoreRelCheck/SetRelationNumChecks, tablecmds.c
 * ATExecDropConstraint/ATExecValidateConstraint).
 *
 * <p>A CHECK row keeps the expression's SQL text in conbin and the columns it uses in conkey;
 * pg_class.relchecks counts the table's CHECK rows (psql reads it). A FOREIGN KEY row names the
 * referencing table (conrelid, conkey), the referenced one (confrelid, confkey) and the
 * referenced unique index (conindid). Every change sends relcache invalidations for the tables on
 * both sides, since each side's relcache entry lists the constraints it takes part in, and ends
 * with CommandCounterIncrement. The caller holds AccessExclusiveLock on conrelid (ShareRowExclusiveLock
 * on a referenced table).
 */
final class ConstraintDdl {
    private final CatalogEnv env;
    private final CatalogWriter writer;

    ConstraintDdl(CatalogEnv env, CatalogWriter writer) {
        this.env = env;
        this.writer = writer;
    }

    /** The constraints whose conrelid is {@code relOid}, in OID order (the order they were made). */
    List<ConstraintInfo> ofRelation(int relOid) {
        List<ConstraintInfo> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_CONSTRAINT, CatalogScan.key(PG_CONSTRAINT, "conrelid", relOid))) {
            out.add(ConstraintInfo.fromRow(s.values()));
        }
        out.sort((a, b) -> Integer.compareUnsigned(a.oid(), b.oid()));
        return out;
    }

    /** The constraints named {@code name} in namespace {@code namespace} (of tables and domains alike). */
    List<ConstraintInfo> named(int namespace, String name) {
        List<ConstraintInfo> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_CONSTRAINT, CatalogScan.key(PG_CONSTRAINT, "connamespace", namespace), v -> name.equals(PG_CONSTRAINT.get(v, "conname")))) {
            out.add(ConstraintInfo.fromRow(s.values()));
        }
        out.sort((a, b) -> Integer.compareUnsigned(a.oid(), b.oid()));
        return out;
    }

    /** The foreign keys whose confrelid is {@code relOid}. */
    List<ConstraintInfo> referencing(int relOid) {
        List<ConstraintInfo> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_CONSTRAINT, CatalogScan.key(PG_CONSTRAINT, "confrelid", relOid), v -> "f".equals(PG_CONSTRAINT.get(v, "contype")))) {
            out.add(ConstraintInfo.fromRow(s.values()));
        }
        out.sort((a, b) -> Integer.compareUnsigned(a.oid(), b.oid()));
        return out;
    }

    /**
     * ChooseConstraintName: relname_colname_label (colname may be null), shortened to fit
     * NAMEDATALEN, with a number after the label while a constraint of the namespace has the name.
     */
    String chooseName(Relation rel, String colname, String label) {
        for (int pass = 0; ; pass++) {
            String candidate = HeapCatalog.makeObjectName(rel.name(), colname, pass == 0 ? label : label + pass);
            if (!nameExistsInNamespace(candidate, rel.namespace())) return candidate;
        }
    }

    private boolean nameExistsInNamespace(String name, int namespace) {
        return !writer.find(PG_CONSTRAINT, CatalogScan.nameKey(PG_CONSTRAINT, "conname", name), v -> oid(PG_CONSTRAINT.get(v, "connamespace")) == namespace).isEmpty();
    }

    /** ConstraintNameIsUsed for a relation: 42710 if {@code rel} already has a constraint {@code name}. */
    void checkNameFree(Relation rel, String name) {
        int relOid = rel.oid();
        if (!writer.find(PG_CONSTRAINT, CatalogScan.nameKey(PG_CONSTRAINT, "conname", name), v -> oid(PG_CONSTRAINT.get(v, "conrelid")) == relOid).isEmpty()) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for relation \"" + rel.name()
                    + "\" already exists");
        }
    }

    /** CreateConstraintEntry (+ SetRelationNumChecks for a CHECK): returns the new row's OID. */
    int add(Relation rel, ConstraintInfo c) {
        checkNameFree(rel, c.name());
        int oid = writer.newOid(PG_CONSTRAINT, "oid");
        writer.insert(PG_CONSTRAINT, CatalogRows.constraintRow(c.withIds(oid, rel.namespace())));
        if (c.contype() == 'c') adjustRelchecks(rel.oid(), +1);
        if (c.contype() == 'f') {
            setHasTriggers(rel.oid());
            if (c.confrelid() != rel.oid()) setHasTriggers(c.confrelid());
        }
        changed(c);
        return oid;
    }

    /** RemoveConstraintById for a CHECK or FOREIGN KEY (index constraints go with their index). */
    void drop(ConstraintInfo c) {
        writer.delete(PG_CONSTRAINT, v -> oid(PG_CONSTRAINT.get(v, "oid")) == c.oid());
        new Comments(env, writer).delete(c.oid(), PG_CONSTRAINT.oid(), 0);   // deleteOneObject's DeleteComments
        if (c.contype() == 'c') adjustRelchecks(c.relid(), -1);
        changed(c);
    }

    /** RenameConstraintById: 42710 if the table has a constraint of that name already. */
    void rename(Relation rel, ConstraintInfo c, String newName) {
        checkNameFree(rel, newName);
        update(c, "conname", newName);
    }

    /** ATExecValidateConstraint's catalog part: convalidated = true (the caller has checked the rows). */
    void markValidated(ConstraintInfo c) {
        update(c, "convalidated", true);
    }

    /** conislocal and coninhcount of {@code c} become {@code local} and {@code inhcount}. */
    void setInheritance(ConstraintInfo c, boolean local, int inhcount) {
        update(c, "conislocal", local);
        update(c, "coninhcount", inhcount);
    }

    private void update(ConstraintInfo c, String column, Object value) {
        for (TupleSlot s : writer.find(PG_CONSTRAINT, CatalogScan.key(PG_CONSTRAINT, "oid", c.oid()))) {
            Object[] v = s.values().clone();
            PG_CONSTRAINT.set(v, column, value);
            writer.update(PG_CONSTRAINT, s, v);
        }
        changed(c);
    }

    /** SetRelationNumChecks: pg_class.relchecks counts the CHECK constraints. */
    private void adjustRelchecks(int relOid, int delta) {
        for (TupleSlot s : writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", relOid))) {
            Object[] v = s.values().clone();
            PG_CLASS.set(v, "relchecks", (short) Math.max(0, (Short) PG_CLASS.get(v, "relchecks") + delta));
            writer.update(PG_CLASS, s, v);
        }
    }

    /**
     * CreateTrigger's "relhastriggers = true" for the tables on both sides of a foreign key. PostgreSQL
     * enforces a foreign key with internal RI triggers (RI_FKey_check_ins on the referencing table,
     * RI_FKey_noaction_del/upd on the referenced one) and so marks both tables; Tusk's executor checks
     * foreign keys itself and writes no pg_trigger rows, but keeps the flag, which clients read as
     * "may take part in foreign keys" (psql shows the foreign-key footers only when it is set). Like
     * PostgreSQL's, the flag is not cleared when the constraint is dropped ("has or once had").
     */
    private void setHasTriggers(int relOid) {
        for (TupleSlot s : writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", relOid))) {
            if (Boolean.TRUE.equals(PG_CLASS.get(s.values(), "relhastriggers"))) continue;
            Object[] v = s.values().clone();
            PG_CLASS.set(v, "relhastriggers", true);
            writer.update(PG_CLASS, s, v);
        }
    }

    private void changed(ConstraintInfo c) {
        env.inval().registerRelcacheInval(c.relid());
        if (c.confrelid() != 0) env.inval().registerRelcacheInval(c.confrelid());
        env.commandCounterIncrement().run();
    }
}
