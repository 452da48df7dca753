package org.tusk.access.common;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.tusk.utils.adt.tsearch.TsQuery;
import org.tusk.utils.adt.tsearch.TsQueryIO;
import org.tusk.utils.adt.tsearch.TsVector;
import org.tusk.utils.adt.tsearch.TsVectorIO;

/**
 * tsvector and tsquery stored forms, against the bytes a PostgreSQL 15 server stored in a heap
 * page for the same values (read with pageinspect's heap_page_items, varlena header removed).
 */
class TsearchFormatTest {
    private static byte[] hex(String s) { return HexFormat.of().parseHex(s.replace(" ", "")); }

    @Test
    void tsvectorHasPostgresBytes() {
        TsVector v = TsVectorIO.in("a:1,3A b:2 cat");
        byte[] expected = hex("03000000 03000000 03800000 06e00000 6100 0200 0100 03c0 6200 0100 0200 636174");
        assertArrayEquals(expected, TsVectorFormat.encode(v));
        assertEquals(v, TsVectorFormat.decode(expected));
        assertEquals(expected.length + 4, v.varsize());
    }

    @Test
    void tsvectorQuotedLexemesAndWeights() {
        TsVector v = TsVectorIO.in("'fat':2,4 'rat':3B 'ca''t':5C");
        byte[] expected = hex("03000000 09000000 07800000 07200100 63612774 0100 0540 66617400 0200 0200 0400"
                + " 72617400 0100 0380");
        assertArrayEquals(expected, TsVectorFormat.encode(v));
        assertEquals("'ca''t':5C 'fat':2,4 'rat':3B", TsVectorFormat.decode(expected).toString());
        assertArrayEquals(hex("00000000"), TsVectorFormat.encode(TsVectorIO.in("")));
    }

    @Test
    void tsqueryHasPostgresBytes() {
        TsQuery q = TsQueryIO.in("a & b");
        byte[] expected = hex("03000000 020200000200000000000000 0100000006efbe8e01200000 01000000bcbeb71701000000 61006200");
        assertArrayEquals(expected, TsQueryFormat.encode(q));
        assertEquals(q, TsQueryFormat.decode(expected));
        assertArrayEquals(hex("01000000 01000000bcbeb71701000000 6100"), TsQueryFormat.encode(TsQueryIO.in("a")));
    }

    @Test
    void tsqueryWithNotPhrasePrefixAndWeights() {
        TsQuery q = TsQueryIO.in("!fat:AB* | (cat <2> rat) & 'x'");
        byte[] expected = hex("08000000 020300000600000000000000 020200000200000000000000 010000007c16dc7301c00000"
                + " 020402000200000000000000 01000000c8fc15fa03800000 0100000011d669de03400000"
                + " 020100000100000000000000 010c0100a3339be903000000 66617400 63617400 72617400 7800");
        assertArrayEquals(expected, TsQueryFormat.encode(q));
        assertEquals("!'fat':*AB | 'cat' <2> 'rat' & 'x'", TsQueryFormat.decode(expected).toString());
        assertEquals(TsQuery.EMPTY, TsQueryFormat.decode(TsQueryFormat.encode(TsQuery.EMPTY)));
    }

    @Test
    void datumTypesAreRegistered() {
        assertSame(DatumType.TSVECTOR, DatumType.forOid(3614));
        assertEquals('x', DatumType.TSVECTOR.typstorage());
        assertEquals('p', DatumType.TSQUERY.typstorage());
        assertSame(DatumType.TSVECTOR, DatumType.TSVECTOR_ARRAY.elementType());
        assertTrue(DatumType.REGCONFIG.accepts(13164L));
    }
}
