package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.Catalog;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The sequence behind a serial or identity column (parse_utilcmd.c generateSerialExtraStmts): named
 * by SEQUENCE NAME or chosen as table_column_seq (ChooseRelationName, made unique), in the table's
 * schema unless SEQUENCE NAME says otherwise, AS the column's integer type, with the column's
 * sequence options. The caller ties it to the column once the column exists
 * ({@code RelationOwnership.setOwningColumn}).
 */
final class ColumnSequences {
    private ColumnSequences() {}

    /** The created sequence and its schema-qualified, quoted name for nextval('...'). */
    record Created(Relation sequence, String qualifiedName) {}

    static Created create(Stmt.RangeVar table, String column, String intType, List<Stmt.DefElem> seqOptions, char persistence,
                          Catalog catalog, int location) {
        String schema = table.schema();
        String seqName = null;
        List<Stmt.DefElem> options = new ArrayList<>();
        for (Stmt.DefElem o : seqOptions) {
            if (o.name().equals("sequence_name")) {
                List<String> parts = o.list();
                seqName = parts.get(parts.size() - 1);
                if (parts.size() >= 2) schema = parts.get(parts.size() - 2);
            } else {
                options.add(o);
            }
        }
        for (int pass = 0; seqName == null; pass++) {
            String candidate = TableCommands.makeObjectName(table.name(), column, pass == 0 ? "seq" : "seq" + pass);
            if (catalog.openRelation(schema, candidate) == null) seqName = candidate;
        }
        if (options.stream().anyMatch(o -> o.name().equals("as"))) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
        }
        options.add(new Stmt.DefElem("as", intType, location));
        Stmt.CreateSeqStmt seq = new Stmt.CreateSeqStmt(new Stmt.RangeVar(null, schema, seqName, null, location),
                options, persistence == 't', false);
        // transformColumnDefinition: the sequence has the table's persistence (an unlogged table's is unlogged)
        catalog.createSequence(schema, seqName, SequenceCommands.initParams(seq), persistence, false);
        // always schema-qualified, as transformColumnDefinition writes it: the default must name the
        // same sequence whatever search_path a later reader (pg_dump runs with an empty one) has
        Relation created = catalog.openRelation(schema, seqName);
        String nsp = created == null ? null : org.tusk.catalog.ObjectNames.current().namespaceName(created.namespace());
        String shownSchema = schema != null ? schema : nsp;
        String qualified = shownSchema == null ? seqName
                : TableCommands.quoteName(shownSchema) + "." + TableCommands.quoteName(seqName);
        return new Created(created, qualified);
    }
}
