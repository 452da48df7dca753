package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** check_safe_enum_use: labels added in the open transaction are refused until it ends. */
class EnumSafetyTest {
    private static final int TYPE = 90001;
    private static final List<Enums.Member> MEMBERS = List.of(
            new Enums.Member(90002, TYPE, 1, "good"), new Enums.Member(90003, TYPE, 2, "new"));

    /** The session's labels added in its open transaction. */
    private final java.util.Set<Integer> uncommitted = new java.util.HashSet<>();

    @BeforeEach
    void install() {
        Enums.install(new Enums.Lookup() {
            public Enums.Member member(int oid) {
                return MEMBERS.stream().filter(m -> m.oid() == oid).findFirst().orElse(null);
            }

            public List<Enums.Member> members(int typeOid) { return typeOid == TYPE ? MEMBERS : List.of(); }

            public String typeName(int typeOid) { return "bogus"; }

            public boolean uncommitted(int oid) { return uncommitted.contains(oid); }
        });
    }

    @Test
    void newLabelIsUnsafeUntilTheTransactionEnds() {
        uncommitted.add(90003);
        PgException e = assertThrows(PgException.class, () -> Enums.in(TYPE, "new"));
        assertEquals("55P04", e.sqlState());
        assertEquals("unsafe use of new value \"new\" of enum type bogus", e.getMessage());
        assertEquals("New enum values must be committed before they can be used.", e.hint());
        // the old label and the first one stay usable; the last and the whole range do not
        assertEquals(90002, Enums.in(TYPE, "good").oid());
        assertEquals(90002, Enums.first(TYPE).oid());
        assertThrows(PgException.class, () -> Enums.last(TYPE));
        assertThrows(PgException.class, () -> Enums.range(TYPE, null, null));
        // an existing value still prints (enum_out does no check)
        assertEquals("new", Enums.out(new EnumValue(90003)));
        uncommitted.clear();   // the transaction ends
        assertEquals(90003, Enums.in(TYPE, "new").oid());
        assertEquals(2, Enums.range(TYPE, null, null).length);
    }
}
