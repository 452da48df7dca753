package org.tusk.access.common;

import org.junit.jupiter.api.Test;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.error.PgException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pglz and the stored forms of toasted values against bytes a PostgreSQL 15 server wrote
 * (pageinspect's heap_page_items t_data of rows (int4, text)).
 */
class ToastFormatTest {
    /** t_data of (1, repeat('1234567890', 300)): int4 then the compressed datum, as PostgreSQL 15 stored it. */
    private static final String PG_REPEAT = "01000000da000000b80b0000003132333435363738fc39300f0aff0f0aff0f0aff0f0aff0f0aff0f0aff1f0f0aff0f0aff0f0aff0f0aff0f0af2";
    /** t_data of (3, string_agg((i*i % 1000)::text, ',') over 1..1000): a 3831-byte text pglz takes to 1195 bytes. */
    private static final String PG_SQUARES = ""
            + "03000000ae120000f70e000000312c342c392c3136002c32352c33362c3400392c36342c38312c003130302c3132312c"
            + "003134342c3136392c003139362c3232352c003235362c3238392c003332342c3336312c003430302c3434312c003438"
            + "342c3532392c003537362c3632352c003637362c3732392c003738342c3834312c003930302c3936312c8032342c3839"
            + "2c31014601014e39362c3336392c043434013e312c363030402c3638312c3701853450392c393302993101a03000392c"
            + "3330342c343008312c35012730312c370030342c3830392c390503c031012e34392c333610342c3438034e373231002c"
            + "3834342c393639022c04c33335362c343800392c3632342c373601039b34312c3138342c203332392c3404c237370036"
            + "2c3932392c3834042c3201e130302c353688312c3701c238392c04c2003339362c3536392c06370164113030302c3238"
            + "00312c3436342c363408392c3803c23231362c203430392c3602b2312c10302c32300154342c36d030392c3803c03211"
            + "8111820301fe14843332312c35341101a9392c3904c1343536802c3638392c3932119c01039b3634312c383834402c31"
            + "32392c3304c238743736031038018c03e90230324634034004c43439360260340f11011337027f114734392c371103c3"
            + "33313602ad3930341702bd118501cb311295392c37892445333602f939363412090b014e11193211e336392c389104c5"
            + "35353612483232011813039d116835381149392c321104c539373612973638342711a601ec11b5313211e4392ca23804"
            + "c435393612e433112c3b14882104380187115403c53431ba36223232127a118821503802d388392c3603c3343336227e"
            + "ee3211c41488219e39112111ec04c3c23601c3392c3532215f039b8921eb32380183392c3125493a36321a3901c11486"
            + "313a3832111121392c3704c23639368d326a3631721587312c35118608392c3503c03531362cc0392c3530342c138101"
            + "06ff31c10118011f33c30134147b024a34c4ff0162016a0272113c34c43201019a34c4ff04b801c001c801d001d801e0"
            + "01e801f0ff313f04b8110e1116111e1126112e1136ff113e1146114e01df34c4116c117433c2ff118811901198012534"
            + "c211b611be014cff11ce11d611de11e6017411f611fe2106fb210e4286312224212c213401c22144ff214c2154215c01"
            + "e9216c217432c404c3ff2194219c21a421ac113921bc21c421ccff21d401ea34c521f221fa1181310a3112ff311a3122"
            + "012734c731403148014e3158ff34c6316e0175317e3186318e3196019dff31a631ae31b631be01c531ce021034c6ff01"
            + "ec023034c6410e025034c6412e016fff113c027f34c7415e01ec34c7417c01bdff33c5419801db41a8012534c541c611"
            + "09ff014c111941e6112941f6327633c45114ff1158019b116834c3514201c251521197ff5162148611b5518011c55190"
            + "02c133c27f51ae11f41137210451ce211452de35ff52ec213251fc214211852150611c2160fd622c35623a217e614a21"
            + "8e014e219eff616a21ae617a0175618a418633c3019bff21eb61b621fb61c601c261d6311a61e6ff62ee34c47106314a"
            + "7216014e34c47236ff15843181319664cc31c131bf31bd7f7cff3f7f7cff7f7cff7f7cff7f7cff7f7cff7f7cff2c30";
    /** t_data of (2, a 2039-byte md5 text): an on-disk TOAST pointer (value 16432 in pg_toast_16430). */
    private static final String PG_POINTER = "020000000112fb070000f7070000304000002e400000";

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static String squares() {
        return IntStream.rangeClosed(1, 1000).mapToObj(i -> String.valueOf(i * i % 1000)).collect(Collectors.joining(","));
    }

    private static final TupleDesc INT_TEXT = TupleDesc.of(Attribute.of("a", DatumType.INT4), Attribute.of("b", DatumType.TEXT));

    @Test
    void compressesExactlyAsPostgres() {
        byte[] pg = hex(PG_SQUARES);
        ToastedDatum c = ToastCompression.compress(squares().getBytes());
        assertNotNull(c);
        assertArrayEquals(Arrays.copyOfRange(pg, 4, pg.length), c.image(), "same pglz stream and header as PostgreSQL");
        byte[] pg1 = hex(PG_REPEAT);
        assertArrayEquals(Arrays.copyOfRange(pg1, 4, pg1.length), ToastCompression.compress("1234567890".repeat(300).getBytes()).image());
    }

    @Test
    void decompressesPostgresBytes() {
        byte[] pg = hex(PG_SQUARES);
        assertEquals(squares(), new String(ToastCompression.decompress(pg, 4, pg.length - 4)));
        assertEquals(3831, new ToastedDatum(Arrays.copyOfRange(pg, 4, pg.length)).rawPayloadSize());
    }

    @Test
    void postgresTupleWithCompressedValueDeformsAndReformsIdentically() {
        try (Arena arena = Arena.ofConfined()) {
            byte[] data = hex(PG_SQUARES);
            ToastedDatum c = new ToastedDatum(Arrays.copyOfRange(data, 4, data.length));
            MemorySegment t = HeapTupleForm.form(INT_TEXT, new Object[] {3, c}, arena);
            int hoff = HeapTupleHeader.hoff(t);
            assertArrayEquals(data, t.asSlice(hoff).toArray(JAVA_BYTE), "the data part is PostgreSQL's t_data");
            assertFalse((HeapTupleHeader.infomask(t) & HeapTupleHeader.HEAP_HASEXTERNAL) != 0);
            assertArrayEquals(new Object[] {3, squares()}, HeapTupleDeform.deform(INT_TEXT, t));
        }
    }

    @Test
    void toastPointerLayout() {
        byte[] data = hex(PG_POINTER);
        ToastPointer p = ToastPointer.read(data, 4);
        assertEquals(2043, p.rawsize(), "va_rawsize counts a 4-byte header");
        assertEquals(2039, p.extsize());
        assertEquals(0, p.compressMethod());
        assertFalse(p.isCompressed());
        assertEquals(16432, p.valueId());
        assertEquals(16430, p.toastRelid());
        assertArrayEquals(Arrays.copyOfRange(data, 4, data.length), p.image());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = HeapTupleForm.form(INT_TEXT, new Object[] {2, new ToastedDatum(p.image())}, arena);
            assertArrayEquals(data, t.asSlice(HeapTupleHeader.hoff(t)).toArray(JAVA_BYTE), "unaligned, 18 bytes");
            assertTrue((HeapTupleHeader.infomask(t) & HeapTupleHeader.HEAP_HASEXTERNAL) != 0);
            byte[] saved = "x".repeat(2039).getBytes();
            Object[] v = HeapTupleDeform.deform(INT_TEXT, t, q -> {
                assertEquals(p, q);
                return saved;
            });
            assertEquals("x".repeat(2039), v[1]);
            assertThrows(PgException.class, () -> HeapTupleDeform.deform(INT_TEXT, t), "no TOAST relation to read from");
        }
    }

    @Test
    void compressedExternalValueIsRebuiltBeforeDecompressing() {
        byte[] payload = "abcdefgh".repeat(1000).getBytes();
        ToastedDatum c = ToastCompression.compress(payload);
        byte[] saved = Arrays.copyOfRange(c.image(), 4, c.size());   // what toast_save_datum stores for a compressed value
        ToastPointer p = ToastPointer.of(payload.length + 4, saved.length, ToastCompression.PGLZ_ID, 1, 2);
        assertTrue(p.isCompressed());
        assertArrayEquals(payload, Detoast.external(p, q -> saved));
    }

    @Test
    void roundTripsAndRefusals() {
        Random r = new Random(42);
        String[] words = {"toast ", "p\u00e2t\u00e9 ", "tusk ", "\u00ffpage ", "chunk "};
        for (int n : new int[] {64, 100, 1000, 5000, 70000}) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < n) sb.append(words[r.nextInt(words.length)]);
            byte[] b = sb.substring(0, n).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            byte[] c = PgLz.compress(b, PgLz.ALWAYS);
            assertNotNull(c);
            assertArrayEquals(b, PgLz.decompress(c, 0, c.length, n, true), "length " + n);
        }
        byte[] random = new byte[4000];
        r.nextBytes(random);
        assertNull(ToastCompression.compress(random), "incompressible: pglz gives up after first_success_by");
        assertNull(ToastCompression.compress("short".getBytes()), "below min_input_size");
        byte[] c = PgLz.compress("1234567890".repeat(10).getBytes(), PgLz.DEFAULT);
        assertNull(PgLz.decompress(c, 0, c.length - 1, 100, true), "a truncated stream is corrupt");
        byte[] badOffset = {0x01, 0x00, 0x10};   // a back reference before the output's start
        assertNull(PgLz.decompress(badOffset, 0, 3, 10, true));
    }

    @Test
    void lz4IsPostgresError() {
        PgException e = assertThrows(PgException.class, () -> ToastCompression.methodByName("lz4"));
        assertEquals("0A000", e.sqlState());
        assertEquals("compression method lz4 not supported", e.getMessage());
        assertEquals(ToastCompression.PGLZ, ToastCompression.methodByName("pglz"));
    }

    @Test
    void indexTupleCompressesLongKeys() {
        TupleDesc d = TupleDesc.of(Attribute.of("b", DatumType.TEXT));
        String key = "1234567890".repeat(100);
        byte[] itup = IndexTuples.form(d, 1, new Object[] {key}, new ItemPointer(0, 1));
        assertTrue(itup.length < 200, "compressed inline past TOAST_INDEX_TARGET, " + itup.length + " bytes");
        assertEquals(key, IndexTuples.deform(d, 1, MemorySegment.ofArray(itup))[0], "read back decompressed");
        byte[] small = IndexTuples.form(d, 1, new Object[] {"1234567890".repeat(50)}, new ItemPointer(0, 1));
        assertTrue(small.length > 500, "500 bytes + header is under TOAST_INDEX_TARGET: stored plain");
    }
}
