package org.tusk.parser;

import static org.tusk.catalog.TypeOids.UNKNOWN;

import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.TypeCache;

/**
 * The anyenum part of parse_coerce.c's polymorphism: whether a type can stand where anyenum is
 * declared (check_generic_type_consistency), and which enum type a call binds anyenum to
 * (enforce_generic_type_consistency): every argument declared anyenum must have the same enum
 * type, or be an unknown literal, which then takes that type. anyarray in the result of such a
 * call is the enum's array type.
 */
final class AnyEnum {
    private AnyEnum() {}

    static final int ANYENUM = BuiltinCatalog.ANYENUM;
    static final int ANYARRAY = 2277;

    /** Whether {@code t} is an enum type (typcategory 'E'). */
    static boolean isEnum(int t) {
        return t != UNKNOWN && t != ANYENUM && t != 0 && ParseCoerce.category(t) == 'E';
    }

    /** Whether the signature mentions anyenum. */
    static boolean isPolymorphic(List<Integer> declared) {
        return declared.contains(ANYENUM);
    }

    /** The enum type bound to anyenum by the actual argument types, or 0 if none or they disagree. */
    static int resolve(List<Integer> declared, List<Integer> actual) {
        int bound = 0;
        for (int i = 0; i < declared.size(); i++) {
            if (declared.get(i) != ANYENUM) continue;
            int a = actual.get(i);
            if (a == UNKNOWN) continue;
            if (!isEnum(a) || (bound != 0 && bound != a)) return 0;
            bound = a;
        }
        return bound;
    }

    /** The actual result type of a call whose declared result is {@code declared}. */
    static int resultType(int declared, int enumType) {
        if (declared == ANYENUM) return enumType;
        if (declared == ANYARRAY) {
            TypeCache c = TypeCache.current();
            TypeCache.UserType t = c == null ? null : c.type(enumType);
            return t == null ? declared : t.typarray();
        }
        return declared;
    }
}
