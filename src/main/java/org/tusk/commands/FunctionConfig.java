package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.nodes.Stmt;
import java.util.function.UnaryOperator;

/**
 * A routine's proconfig: the SET clauses of CREATE/ALTER FUNCTION as "name=value" entries
 * (functioncmds.c update_proconfig_value with guc.c's ExtractSetVariableArgs, GUCArrayAdd and
 * GUCArrayDelete). Names are stored under the parameter's canonical spelling; a later SET of a
 * name replaces its entry, RESET removes it and RESET ALL empties the list. Values are checked
 * when a call applies them (fmgr_security_definer's ProcessGUCArray), not here.
 */
final class FunctionConfig {
    private FunctionConfig() {}

    /** The entries after applying {@code clauses} in order to {@code config}. */
    static List<String> apply(List<String> config, List<Stmt.VariableSetStmt> clauses, UnaryOperator<String> canonicalName) {
        List<String> out = new ArrayList<>(config);
        for (Stmt.VariableSetStmt v : clauses) {
            switch (v.kind()) {
                case RESET_ALL -> out.clear();
                case VALUE -> {
                    String name = canonicalName.apply(v.name());
                    remove(out, name);
                    out.add(name + "=" + VariableCommands.flatten(v.args()));
                }
                case DEFAULT, RESET -> remove(out, canonicalName.apply(v.name()));
            }
        }
        return List.copyOf(out);
    }

    /** GUCArrayDelete: drops the entry for {@code name} (names compare case-insensitively). */
    private static void remove(List<String> config, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + "=";
        config.removeIf(e -> e.toLowerCase(Locale.ROOT).startsWith(prefix));
    }
}
