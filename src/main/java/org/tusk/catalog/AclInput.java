package org.tusk.catalog;

import java.util.List;

import org.tusk.utils.adt.TextArrays;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * aclitemin for the elements of an aclitem[] literal (acl.c aclparse): each item is
 * {@code grantee=privs/grantor}, an empty grantee meaning PUBLIC, a role name possibly
 * double-quoted as putid writes it, each privilege one letter of {@link Acl#ACL_ALL_RIGHTS_STR}
 * (its position is its bit) optionally followed by '*' for the grant option (the same bit 16
 * places up). Without "/grantor" the grantor is the bootstrap superuser (PostgreSQL warns and
 * does the same). Role names are looked up through the session's {@link ObjectNames}; the value
 * is the (grantee, grantor, privileges) triples pg_class.relacl stores.
 */
public final class AclInput {
    private AclInput() {}

    /** BOOTSTRAP_SUPERUSERID. */
    private static final int BOOTSTRAP_SUPERUSER = 10;

    /** aclitem[] input: "{...}" of items. */
    public static int[] arrayIn(String s) {
        List<String> items = TextArrays.arrayIn(s);
        int[] out = new int[items.size() * 3];
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            if (item == null) throw PgException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "null array element not allowed in this context");
            parseItem(item, out, i * 3);
        }
        return out;
    }

    /** aclparse: one item into out[at..at+2]. */
    static void parseItem(String s, int[] out, int at) {
        int[] pos = {0};
        String grantee = name(s, pos);
        if (pos[0] >= s.length() || s.charAt(pos[0]) != '=')
            throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "missing \"=\" sign");
        pos[0]++;
        int privs = 0, last = 0;
        while (pos[0] < s.length() && s.charAt(pos[0]) != '/') {
            char c = s.charAt(pos[0]++);
            if (c == '*') {
                if (last == 0) throw invalidMode(c);
                privs |= last << 16;   // the grant option of the privilege just read
                continue;
            }
            int bit = Acl.ACL_ALL_RIGHTS_STR.indexOf(c);
            if (bit < 0) throw invalidMode(c);
            last = 1 << bit;
            privs |= last;
        }
        int grantor = BOOTSTRAP_SUPERUSER;
        if (pos[0] < s.length()) {
            pos[0]++;
            String g = name(s, pos);
            if (g.isEmpty()) throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "a name must follow the \"/\" sign");
            grantor = role(g);
        }
        if (pos[0] < s.length())
            throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "extra garbage at the end of the ACL specification");
        out[at] = grantee.isEmpty() ? Acl.PUBLIC : role(grantee);
        out[at + 1] = grantor;
        out[at + 2] = privs;
    }

    private static PgException invalidMode(char c) {
        return PgException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid mode character: must be one of \"" + Acl.ACL_ALL_RIGHTS_STR + "\"");
    }

    /** getid: a plain or double-quoted role name up to '=', '/' or the end. */
    private static String name(String s, int[] pos) {
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        int i = pos[0];
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else quoted = !quoted;
            } else if (!quoted && (c == '=' || c == '/')) break;
            else b.append(c);
        }
        pos[0] = i;
        return b.toString();
    }

    private static int role(String name) {
        int oid = ObjectNames.current().roleOid(name);
        if (oid == 0) throw PgException.error(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
        return oid;
    }
}
