package org.tusk.commands;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import org.tusk.access.sequence.SeqParams;
import org.tusk.catalog.ObjectNames;
import org.tusk.catalog.RoleMembership;
import org.tusk.catalog.TypeOids;
import org.tusk.catalog.RelationLocks;
import org.tusk.catalog.RelkindDetail;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE SEQUENCE and ALTER SEQUENCE (PostgreSQL's sequence.c DefineSequence, AlterSequence,
 * init_params and process_owned_by).
 *
 * <p>init_params checks the options and completes them: for a new sequence with PostgreSQL's
 * defaults (AS bigint, INCREMENT 1, MINVALUE 1 or the type's minimum, MAXVALUE the type's maximum
 * or -1, START the minimum or maximum, CACHE 1, NO CYCLE); for ALTER from the sequence's current
 * pg_sequence row, where only what is named changes (NO MINVALUE/MAXVALUE and a change of AS type
 * reset a bound to its default; a bound that was the old type's limit follows the new type).
 * RESTART [WITH n] sets the next value (the start value without n); START WITH alone only records
 * the value a later RESTART goes back to. The sequence's value, current or restarted, must stay
 * within the bounds.
 *
 * <p>OWNED BY table.column ties the sequence to the column (pg_depend, through the catalog's
 * RelationOwnership), so that dropping the column or table drops the sequence; the table must be
 * in the sequence's schema and have the same owner. OWNED BY NONE removes the tie.
 *
 * <p>ALTER SEQUENCE takes ShareRowExclusiveLock on the sequence, as PostgreSQL does; other
 * sessions keep the values they have cached (the documented behaviour); this session's cache is
 * dropped.
 */
public final class SequenceCommands {
    private SequenceCommands() {}

    public static void defineSequence(Stmt.CreateSeqStmt s, ExecEnvironment env) {
        Params p = initParams(s.options(), null, 0);
        Stmt.RangeVar rv = s.sequence();
        boolean existed = s.ifNotExists() && env.catalog().openRelation(rv.schema(), rv.name()) != null;
        if (s.unlogged() && rv.schema() != null && (rv.schema().equals("pg_temp") || rv.schema().startsWith("pg_temp_")))
            // RangeVarAdjustRelationPersistence
            throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.INVALID_TABLE_DEFINITION,
                    "only temporary relations may be created in temporary schemas");
        int oid = env.catalog().createSequence(rv.schema(), rv.name(), p.params(), s.temp() ? 't' : s.unlogged() ? 'u' : 'p',
                s.ifNotExists());
        if (p.ownedBy() != null && !existed) processOwnedBy(env.catalog().openRelation(oid), p.ownedBy(), env);
    }

    /** AlterSequence. */
    public static void alterSequence(Stmt.AlterSeqStmt s, ExecEnvironment env, Consumer<String> notices) {
        Stmt.RangeVar rv = s.sequence();
        Relation seq = env.catalog().openRelation(rv.schema(), rv.name(), RelationLocks.SHARE_ROW_EXCLUSIVE_LOCK);
        if (seq == null) {
            if (s.missingOk()) {
                notices.accept("relation \"" + rv.name() + "\" does not exist, skipping");
                return;
            }
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
        }
        checkOwner(seq, env);
        if (seq.relkind() != 'S') throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + seq.name() + "\" is not a sequence");
        SeqParams old = env.catalog().sequenceParams(seq);
        Params p = initParams(s.options(), old, env.catalog().sequenceLastValue(seq));
        env.catalog().alterSequence(seq, p.params(), p.restart());
        if (p.ownedBy() != null) processOwnedBy(seq, p.ownedBy(), env);
    }

    /** pg_class_ownercheck, as RangeVarCallbackOwnsRelation applies it: 42501 "must be owner of sequence s". */
    static void checkOwner(Relation rel, ExecEnvironment env) {
        if (env.currentUserIsSuperuser() || rel.owner() == env.currentUserId()) return;
        if (RoleMembership.hasPrivsOfRole(ObjectNames.current().sharedCatalog(), env.currentUserId(), rel.owner())) return;
        throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of " + RelkindDetail.objectKind(rel.relkind())
                + " " + rel.name());
    }

    /**
     * process_owned_by: OWNED BY NONE, or [schema.]table.column naming a column of an ordinary or
     * partitioned table (or view, foreign table) with the sequence's owner, in its schema.
     */
    private static void processOwnedBy(Relation seq, List<String> owner, ExecEnvironment env) {
        if (owner.size() == 1) {
            if (!owner.get(0).equals("none")) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid OWNED BY option")
                        .withHint("Specify OWNED BY table.column or OWNED BY NONE.");
            }
            env.catalog().relationOwnership().setOwningColumn(seq.oid(), 0, 0, false);
            return;
        }
        List<String> relName = owner.subList(0, owner.size() - 1);
        String column = owner.get(owner.size() - 1);
        String schema = relName.size() >= 2 ? relName.get(relName.size() - 2) : null;
        String name = relName.get(relName.size() - 1);
        Relation table = env.catalog().openRelation(schema, name, RelationLocks.ACCESS_SHARE_LOCK);
        if (table == null) {
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", relName) + "\" does not exist");
        }
        char k = table.relkind();
        if (k != 'r' && k != 'p' && k != 'v' && k != 'f') {
            throw PgException.error("55000", "sequence cannot be owned by relation \""
                    + table.name() + "\"").withDetail(RelkindDetail.notSupported(k));
        }
        if (table.owner() != seq.owner()) {
            throw PgException.error("55000",
                    "sequence must have same owner as table it is linked to");
        }
        if (table.namespace() != seq.namespace()) {
            throw PgException.error("55000",
                    "sequence must be in same schema as table it is linked to");
        }
        int attnum = 0;
        for (int i = 0; i < table.desc().natts(); i++) {
            if (table.desc().attr(i).name().equals(column) && !table.desc().attr(i).attisdropped()) attnum = i + 1;
        }
        if (attnum == 0) {
            throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + table.name()
                    + "\" does not exist");
        }
        var current = env.catalog().relationOwnership().owningColumn(seq.oid());
        if (current != null && current.identity()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot change ownership of identity sequence")
                    .withDetail("Sequence \"" + seq.name() + "\" is linked to table \""
                            + env.catalog().openRelation(current.tableOid()).name() + "\".");
        }
        env.catalog().relationOwnership().setOwningColumn(seq.oid(), table.oid(), attnum, false);
    }

    /** What init_params settles: the pg_sequence values, the RESTART value if any, the OWNED BY names if given. */
    record Params(SeqParams params, Long restart, List<String> ownedBy) {}

    /** init_params for a new sequence: its pg_sequence values. */
    static SeqParams initParams(Stmt.CreateSeqStmt s) {
        return initParams(s.options(), null, 0).params();
    }

    /**
     * init_params: {@code old} null for CREATE SEQUENCE; for ALTER SEQUENCE the current row and
     * {@code lastValue}, the sequence's current value, which must fit the new bounds unless it is
     * restarted.
     */
    static Params initParams(List<Stmt.DefElem> options, SeqParams old, long lastValue) {
        Set<String> seen = new HashSet<>();
        boolean isInit = old == null;
        int oldType = isInit ? TypeOids.INT8 : old.typeOid();
        int type = oldType;
        Long increment = null, min = null, max = null, start = null, cache = null, restart = null;
        boolean minGiven = false, maxGiven = false, restartGiven = false;
        Boolean cycle = null;
        List<String> ownedBy = null;
        for (Stmt.DefElem o : options) {
            if (!seen.add(o.name())) throw PgException.error(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
            switch (o.name()) {
                case "as" -> type = switch (o.value().toLowerCase(Locale.ROOT)) {
                    case "int2", "smallint" -> TypeOids.INT2;
                    case "int4", "integer", "int" -> TypeOids.INT4;
                    case "int8", "bigint" -> TypeOids.INT8;
                    default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "sequence type must be smallint, integer, or bigint");
                };
                case "increment" -> increment = number(o);
                case "minvalue" -> {
                    minGiven = true;
                    min = o.value() == null ? null : number(o);
                }
                case "maxvalue" -> {
                    maxGiven = true;
                    max = o.value() == null ? null : number(o);
                }
                case "start" -> start = number(o);
                case "restart" -> {
                    restartGiven = true;
                    restart = o.value() == null ? null : number(o);
                }
                case "cache" -> cache = number(o);
                case "cycle" -> cycle = Boolean.parseBoolean(o.value());
                case "owned_by" -> ownedBy = o.list() != null ? o.list() : List.of(o.value().toLowerCase(Locale.ROOT));
                case "sequence_name" -> {
                    // an identity column's SEQUENCE NAME: the caller names the sequence with it
                    if (!isInit) throw PgException.error(SqlState.SYNTAX_ERROR, "option \"sequence_name\" not recognized");
                }
                default -> throw PgException.error(SqlState.SYNTAX_ERROR, "option \"" + o.name() + "\" not recognized");
            }
        }
        long typeMax = typeMax(type), typeMin = typeMin(type);
        String typeName = type == TypeOids.INT2 ? "smallint" : type == TypeOids.INT4 ? "integer" : "bigint";
        // a bound at the old type's limit follows a change of type (reset_max_value / reset_min_value)
        boolean resetMax = !isInit && type != oldType && old.max() == typeMax(oldType);
        boolean resetMin = !isInit && type != oldType && old.min() == typeMin(oldType);
        long incby = increment != null ? increment : isInit ? 1 : old.increment();
        if (incby == 0) throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
        long maxv = max != null ? max : isInit || maxGiven || resetMax ? (incby > 0 || resetMax ? typeMax : -1) : old.max();
        long minv = min != null ? min : isInit || minGiven || resetMin ? (incby > 0 && !resetMin ? 1 : typeMin) : old.min();
        if (maxv < typeMin || maxv > typeMax) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "MAXVALUE (" + maxv + ") is out of range for sequence data type " + typeName);
        }
        if (minv < typeMin || minv > typeMax) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + minv + ") is out of range for sequence data type " + typeName);
        }
        if (minv >= maxv) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + minv + ") must be less than MAXVALUE (" + maxv + ")");
        }
        long startv = start != null ? start : isInit ? (incby > 0 ? minv : maxv) : old.start();
        if (startv < minv) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "START value (" + startv + ") cannot be less than MINVALUE (" + minv + ")");
        }
        if (startv > maxv) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "START value (" + startv + ") cannot be greater than MAXVALUE (" + maxv + ")");
        }
        // RESTART, or the current value when the bounds change (init_params's crosscheck)
        Long restartv = restartGiven ? (restart != null ? restart : startv) : null;
        if (!isInit) {
            long check = restartv != null ? restartv : lastValue;
            if (check < minv) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (" + check + ") cannot be less than MINVALUE (" + minv + ")");
            }
            if (check > maxv) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (" + check + ") cannot be greater than MAXVALUE (" + maxv + ")");
            }
        }
        long cachev = cache != null ? cache : isInit ? 1 : old.cache();
        if (cachev <= 0) throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "CACHE (" + cachev + ") must be greater than zero");
        boolean cyclev = cycle != null ? cycle : !isInit && old.cycle();
        return new Params(new SeqParams(type, startv, incby, maxv, minv, cachev, cyclev), restartv, ownedBy);
    }

    private static long typeMax(int type) {
        return type == TypeOids.INT2 ? Short.MAX_VALUE : type == TypeOids.INT4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
    }

    private static long typeMin(int type) {
        return type == TypeOids.INT2 ? Short.MIN_VALUE : type == TypeOids.INT4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
    }

    private static long number(Stmt.DefElem o) {
        try {
            return Long.parseLong(o.value());
        } catch (NumberFormatException e) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, o.name() + " requires an integer value");
        }
    }
}
