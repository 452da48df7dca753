package org.tusk.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * A view's reloptions (PostgreSQL's reloptions.c view_reloptions with DefineView's handling of
 * the WITH CHECK OPTION clause): check_option, an enum of "local" and "cascaded", stored as
 * "check_option=value" in pg_class.reloptions. security_barrier and security_invoker change
 * how PostgreSQL plans and checks permissions through a view, which Tusk does not do, so they are
 * refused rather than stored without effect.
 */
final class ViewOptions {
    private ViewOptions() {}

    /**
     * DefineView: the WITH (...) options followed by the check option clause (as DefineView
     * appends it), validated and turned into reloptions text.
     */
    static List<String> of(List<Stmt.DefElem> options, String checkOptionClause) {
        List<Stmt.DefElem> all = new ArrayList<>(options);
        if (checkOptionClause != null) all.add(new Stmt.DefElem("check_option", checkOptionClause, -1));
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Stmt.DefElem o : all) {
            if (!seen.add(o.name())) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + o.name() + "\" specified more than once");
            }
            out.add(validate(o));
        }
        return out;
    }

    /** Whether the options (as DefElems) name check_option: DefineView and ALTER VIEW SET then require an updatable view. */
    static boolean namesCheckOption(List<Stmt.DefElem> options) {
        for (Stmt.DefElem o : options) if (o.name().equals("check_option")) return true;
        return false;
    }

    /** One option as "name=value", or 22023 as parseRelOptions reports it. */
    static String validate(Stmt.DefElem o) {
        switch (o.name()) {
            case "check_option" -> {
                // an enum option without a value is parsed as the string "true", which no enum accepts
                String v = o.value() == null ? "true" : o.value();
                String lower = v.toLowerCase(Locale.ROOT);
                if (!lower.equals("local") && !lower.equals("cascaded")) {
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for enum option \"check_option\": " + v)
                            .withDetail("Valid values are \"local\" and \"cascaded\".");
                }
                return "check_option=" + v;
            }
            case "security_barrier", "security_invoker" -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "view option \"" + o.name() + "\" is not supported by Tusk");
            default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + o.name() + "\"");
        }
    }
}
