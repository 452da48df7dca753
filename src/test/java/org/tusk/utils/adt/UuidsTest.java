package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** uuid_in's accepted spellings and errors, uuid_cmp's unsigned order, gen_random_uuid's version bits. */
class UuidsTest {
    @Test
    void acceptedSpellings() {
        String canon = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
        for (String s : new String[] {"A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}",
                "a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11"})
            assertEquals(canon, Uuids.out(Uuids.in(s)));
    }

    @Test
    void rejectedSpellings() {
        for (String s : new String[] {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-", "a0eebc999-c0b-4ef8-bb6d-6bb9bd380a11", "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}) {
            PgException e = assertThrows(PgException.class, () -> Uuids.in(s));
            assertEquals("invalid input syntax for type uuid: \"" + s + "\"", e.getMessage());
            assertEquals("22P02", e.sqlState());
        }
    }

    @Test
    void orderIsUnsignedBytes() {
        assertTrue(Uuids.compare(Uuids.in("ffffffff-0000-0000-0000-000000000000"), Uuids.in("00000000-0000-0000-0000-000000000000")) > 0);
        UUID r = Uuids.random();
        assertEquals(4, r.version());
        assertEquals(2, r.variant());
    }
}
