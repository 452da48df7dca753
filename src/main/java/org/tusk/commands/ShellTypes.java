package org.tusk.commands;

import java.util.function.Consumer;

import org.tusk.catalog.TypeCache;
import org.tusk.nodes.TypeName;
import org.tusk.utils.error.PgException;

/**
 * What CREATE FUNCTION does with a shell type (typisdefined false) among its argument and result
 * types (functioncmds.c interpret_function_parameter_list and compute_return_type): a SQL function
 * may not use one, since its body could not be checked; any other language gets a NOTICE, since
 * this is how a base type's I/O functions are made before the type itself.
 */
final class ShellTypes {
    private ShellTypes() {}

    static boolean isShell(int typeOid) {
        TypeCache.UserType t = TypeCache.current() == null ? null : TypeCache.current().type(typeOid);
        return t != null && t.typtype() == 'p';
    }

    /** interpret_function_parameter_list's check of one argument type. */
    static void checkArgument(int typeOid, TypeName written, String language, Consumer<String> notices) {
        if (!isShell(typeOid)) return;
        if (language.equals("sql")) {
            throw PgException.error("42P13", "SQL function cannot accept shell type " + toString(written));
        }
        notices.accept("argument type " + toString(written) + " is only a shell");
    }

    /** compute_return_type's check of the result type. */
    static void checkResult(int typeOid, TypeName written, String language, Consumer<String> notices) {
        if (!isShell(typeOid)) return;
        if (language.equals("sql")) {
            throw PgException.error("42P13", "SQL function cannot return shell type " + toString(written));
        }
        notices.accept("return type " + toString(written) + " is only a shell");
    }

    /** TypeNameToString: the name as written, qualified if it was. */
    private static String toString(TypeName t) {
        return String.join(".", t.names());
    }
}
