package org.tusk.utils.ruleutils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tusk.catalog.SystemCatalogs.PG_ATTRIBUTE;
import static org.tusk.catalog.SystemCatalogs.PG_CONSTRAINT;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.catalog.ObjectNames;
import org.tusk.catalog.SystemCatalog;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.catalog.TypeOids;
import org.tusk.utils.adt.FormatType;
import org.tusk.utils.adt.RegTypes;
import org.tusk.utils.error.PgException;

/** The deparser, pg_get_constraintdef for rows built here, the reg* types and format_type. */
class RuleUtilsTest {
    static final int ITEMS = 16400, ORDERS = 16410, SEQ = 16399;
    final List<Object[]> attributes = new ArrayList<>();

    /** Two tables in public: bar_items(id int4, price numeric(10,2)) and bar_orders(item_id int4), and a sequence. */
    final ObjectNames names = new ObjectNames() {
        public int relationOid(String s, String n) {
            if (s != null && !s.equals("public")) return 0;
            return switch (n) { case "bar_items" -> ITEMS; case "bar_orders" -> ORDERS; case "bar_items_id_seq" -> SEQ; default -> 0; };
        }
        public Optional<RelName> relation(int oid) {
            return switch (oid) {
                case ITEMS -> Optional.of(new RelName(oid, "bar_items", SystemCatalogs.PG_PUBLIC_NAMESPACE, 'r', 10));
                case ORDERS -> Optional.of(new RelName(oid, "bar_orders", SystemCatalogs.PG_PUBLIC_NAMESPACE, 'r', 10));
                case SEQ -> Optional.of(new RelName(oid, "bar_items_id_seq", SystemCatalogs.PG_PUBLIC_NAMESPACE, 'S', 10));
                default -> Optional.empty();
            };
        }
        public int namespaceOid(String name) { return NONE.namespaceOid(name); }
        public String namespaceName(int oid) { return NONE.namespaceName(oid); }
        public List<Integer> searchPath() { return NONE.searchPath(); }
        public Optional<String> roleName(int oid) { return oid == 10 ? Optional.of("postgres") : Optional.empty(); }
        public int roleOid(String name) { return name.equals("postgres") ? 10 : 0; }
        public Optional<RelName> userType(int oid) { return Optional.empty(); }
        public int userTypeOid(String s, String n) { return 0; }
        public List<Object[]> rows(SystemCatalog c, Predicate<Object[]> w) {
            return c == PG_ATTRIBUTE ? attributes.stream().filter(w).toList() : List.of();
        }
    };

    @BeforeEach
    void install() {
        attributes.add(attr(ITEMS, "id", 1, TypeOids.INT4, -1));
        attributes.add(attr(ITEMS, "price", 2, TypeOids.NUMERIC, ((10 << 16) | 2) + 4));
        attributes.add(attr(ORDERS, "item_id", 1, TypeOids.INT4, -1));
        ObjectNames.install(names);
    }

    @AfterEach
    void uninstall() {
        ObjectNames.install(null);
    }

    static Object[] attr(int rel, String name, int attnum, int type, int typmod) {
        Object[] v = PG_ATTRIBUTE.newRow();
        PG_ATTRIBUTE.set(v, "attrelid", rel);
        PG_ATTRIBUTE.set(v, "attname", name);
        PG_ATTRIBUTE.set(v, "attnum", (short) attnum);
        PG_ATTRIBUTE.set(v, "atttypid", type);
        PG_ATTRIBUTE.set(v, "atttypmod", typmod);
        PG_ATTRIBUTE.set(v, "attisdropped", false);
        return v;
    }

    static Object[] constraint(char type, int rel, short[] conkey) {
        Object[] v = PG_CONSTRAINT.newRow();
        PG_CONSTRAINT.set(v, "oid", 20000);
        PG_CONSTRAINT.set(v, "contype", String.valueOf(type));
        PG_CONSTRAINT.set(v, "conrelid", rel);
        PG_CONSTRAINT.set(v, "conkey", conkey);
        PG_CONSTRAINT.set(v, "condeferrable", false);
        PG_CONSTRAINT.set(v, "condeferred", false);
        PG_CONSTRAINT.set(v, "convalidated", true);
        PG_CONSTRAINT.set(v, "connoinherit", false);
        PG_CONSTRAINT.set(v, "confmatchtype", "s");
        PG_CONSTRAINT.set(v, "conindid", 0);
        PG_CONSTRAINT.set(v, "confupdtype", "a");
        PG_CONSTRAINT.set(v, "confdeltype", "a");
        return v;
    }

    @Test
    void checkConstraintIsPrintedInCanonicalForm() {
        Object[] c = constraint('c', ITEMS, new short[] {2});
        PG_CONSTRAINT.set(c, "conbin", "price >= 0");
        assertEquals("CHECK (price >= 0::numeric)", RuleUtils.constraintdef(c, true, "postgres"));
        assertEquals("CHECK ((price >= 0::numeric))", RuleUtils.constraintdef(c, false, "postgres"));
        PG_CONSTRAINT.set(c, "conbin", "price > 1.5 and id <> 3");
        assertEquals("CHECK ((price > 1.5) AND (id <> 3))", RuleUtils.constraintdef(c, true, "postgres"));
    }

    @Test
    void foreignKeyWithActionsAndMatchFull() {
        Object[] c = constraint('f', ORDERS, new short[] {1});
        PG_CONSTRAINT.set(c, "confrelid", ITEMS);
        PG_CONSTRAINT.set(c, "confkey", new short[] {1});
        assertEquals("FOREIGN KEY (item_id) REFERENCES bar_items(id)", RuleUtils.constraintdef(c, true, "postgres"));
        PG_CONSTRAINT.set(c, "confmatchtype", "f");
        PG_CONSTRAINT.set(c, "confupdtype", "c");
        PG_CONSTRAINT.set(c, "confdeltype", "n");
        PG_CONSTRAINT.set(c, "condeferrable", true);
        assertEquals("FOREIGN KEY (item_id) REFERENCES bar_items(id) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL DEFERRABLE",
                RuleUtils.constraintdef(c, true, "postgres"));
    }

    @Test
    void primaryKeyAndUnique() {
        assertEquals("PRIMARY KEY (id)", RuleUtils.constraintdef(constraint('p', ITEMS, new short[] {1}), true, "postgres"));
        assertEquals("UNIQUE (id, price)", RuleUtils.constraintdef(constraint('u', ITEMS, new short[] {1, 2}), true, "postgres"));
    }

    @Test
    void regclassReadsAndPrintsNames() {
        assertEquals(ITEMS, RegTypes.regclassIn("bar_items").intValue());
        assertEquals(ITEMS, RegTypes.regclassIn("public.BAR_ITEMS").intValue());
        assertEquals(12345L, RegTypes.regclassIn("12345"));
        assertEquals("bar_items", RegTypes.regclassOut((long) ITEMS));
        assertEquals("12345", RegTypes.regclassOut(12345L));
        assertEquals("-", RegTypes.regclassOut(0L));
        PgException e = assertThrows(PgException.class, () -> RegTypes.regclassIn("nope"));
        assertEquals("42P01", e.sqlState());
        assertEquals("relation \"nope\" does not exist", e.getMessage());
    }

    @Test
    void regtypeRegnamespaceRegrole() {
        assertEquals(TypeOids.INT4, RegTypes.regtypeIn("integer").intValue());
        assertEquals(TypeOids.VARCHAR, RegTypes.regtypeIn("pg_catalog.varchar").intValue());
        assertEquals(TypeOids.TEXT_ARRAY, RegTypes.regtypeIn("text[]").intValue());
        assertEquals("character varying", RegTypes.regtypeOut((long) TypeOids.VARCHAR));
        assertEquals("42704", assertThrows(PgException.class, () -> RegTypes.regtypeIn("nosuchtype")).sqlState());
        assertEquals(SystemCatalogs.PG_PUBLIC_NAMESPACE, RegTypes.regnamespaceIn("public").intValue());
        assertEquals("pg_catalog", RegTypes.regnamespaceOut((long) SystemCatalogs.PG_CATALOG_NAMESPACE));
        assertEquals("3F000", assertThrows(PgException.class, () -> RegTypes.regnamespaceIn("nope")).sqlState());
        assertEquals(10, RegTypes.regroleIn("postgres").intValue());
        assertEquals("postgres", RegTypes.regroleOut(10L));
        assertEquals("\"Mixed\".x", String.join(".", List.of(RegTypes.quote("Mixed"), "x")));
    }

    @Test
    void formatTypeWithModifiers() {
        assertEquals("character varying(20)", FormatType.format(TypeOids.VARCHAR, 24, true));
        assertEquals("numeric(10,2)", FormatType.format(TypeOids.NUMERIC, ((10 << 16) | 2) + 4, true));
        // format_type_extended: bpchar with typmod -1 given is not CHARACTER (character(1))
        assertEquals("character", FormatType.format(TypeOids.BPCHAR, -1, false));
        assertEquals("bpchar", FormatType.format(TypeOids.BPCHAR, -1, true));
        assertEquals("timestamp with time zone", FormatType.format(TypeOids.TIMESTAMPTZ, -1, true));
        assertEquals("text[]", FormatType.format(TypeOids.TEXT_ARRAY, -1, true));
        assertEquals("integer", FormatType.formatBe(TypeOids.INT4));
    }
}
