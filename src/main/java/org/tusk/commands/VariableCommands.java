package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.adt.Texts;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.SessionServices;

/**
 * SET, RESET and SHOW (PostgreSQL's guc.c ExecSetVariableStmt / GetPGVariable): flattens the
 * statement's arguments to the setting's text value and hands it to {@link SessionServices},
 * which owns the settings and validates names and values.
 */
public final class VariableCommands {
    private VariableCommands() {}

    public static void set(Stmt.VariableSetStmt s, SessionServices session) {
        switch (s.kind()) {
            case VALUE -> session.setSetting(s.name(), flatten(s.args()), s.isLocal());
            case DEFAULT -> session.setSetting(s.name(), null, s.isLocal());
            case RESET -> session.resetSetting(s.name());
            case RESET_ALL -> session.resetSetting("all");
        }
    }

    /** flatten_set_variable_args(): values joined by ", ", identifiers quoted when part of a list. */
    public static String flatten(List<RawExpr> args) {
        List<String> parts = new ArrayList<>();
        for (RawExpr a : args) {
            switch (a) {
                case RawExpr.AConst c -> parts.add(String.valueOf(c.value()));
                case RawExpr.ColumnRef c -> {
                    String id = c.fields().get(0);
                    parts.add(args.size() > 1 ? Texts.quoteIdentifier(id) : id);
                }
                case RawExpr.TypeCast tc when tc.arg() instanceof RawExpr.AConst c -> parts.add(String.valueOf(c.value()));
                default -> throw PgException.error(SqlState.SYNTAX_ERROR, "invalid value for SET");
            }
        }
        return String.join(", ", parts);
    }

    /** Result column title of SHOW name. */
    public static String showColumnName(String name, SessionServices session) {
        if (name.equals("all")) return null;
        return session.canonicalSettingName(name);
    }

    /** Rows of SHOW: one row with the value, or (name, setting, description) rows for SHOW ALL. */
    public static List<String[]> show(String name, SessionServices session) {
        if (name.equals("all")) {
            List<String[]> rows = new ArrayList<>();
            for (SessionServices.SettingRow r : session.allSettings())
                rows.add(new String[] {r.name(), r.setting(), r.description()});
            return rows;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {session.showSetting(name)});
        return rows;
    }
}
