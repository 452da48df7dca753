package org.tusk.executor;

import org.tusk.catalog.TypeOids;
import org.tusk.utils.adt.Texts;

/**
 * A key value as a hash table ({@link DatumKey}) should see it, given the type the key's equality
 * compares: a character value without its trailing blanks, as hashbpchar hashes it (bpchareq
 * ignores them, so 'a'::char(3) and 'a'::char(5) must land in one bucket and match). Other values
 * are their own key. Only the lookup key is changed; the rows keep their values.
 */
final class HashKeyDatum {
    private HashKeyDatum() {}

    static Object of(int type, Object v) {
        return type == TypeOids.BPCHAR && v instanceof String s ? Texts.bpcharTrim(s) : v;
    }
}
