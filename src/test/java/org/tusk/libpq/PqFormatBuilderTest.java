package org.tusk.libpq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A built message is type byte, length (itself included), then the fields in network byte order. */
class PqFormatBuilderTest {
    @Test
    void buildsWireForm() {
        PqFormat.Builder b = new PqFormat.Builder();
        byte[] msg = b.begin('D').int16(2).int32(-1).int64(0x0102030405060708L).int8(0xAB).string("hé").bytes(new byte[] {9}).endMessage();
        ByteBuffer expected = ByteBuffer.allocate(1 + 4 + 2 + 4 + 8 + 1 + 4 + 1);
        expected.put((byte) 'D').putInt(4 + 2 + 4 + 8 + 1 + 4 + 1).putShort((short) 2).putInt(-1).putLong(0x0102030405060708L)
                .put((byte) 0xAB).put("hé".getBytes(StandardCharsets.UTF_8)).put((byte) 0).put((byte) 9);
        assertArrayEquals(expected.array(), msg);
    }

    @Test
    void reusedBuilderStartsAfreshAndGrows() {
        PqFormat.Builder b = new PqFormat.Builder();
        b.begin('X').string("x".repeat(1000)).endMessage();
        byte[] big = b.begin('T').bytes(new byte[5000]).int32(7).endMessage();
        assertEquals(5 + 5004, big.length);
        assertEquals('T', big[0]);
        assertEquals(5008, ByteBuffer.wrap(big, 1, 4).getInt());
        assertEquals(7, ByteBuffer.wrap(big, 5005, 4).getInt());
        assertArrayEquals(new byte[] {'Z', 0, 0, 0, 5, 'I'}, b.begin('Z').int8('I').endMessage());
    }
}
