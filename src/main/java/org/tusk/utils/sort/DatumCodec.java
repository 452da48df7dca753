package org.tusk.utils.sort;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

import org.tusk.utils.adt.Inet;
import org.tusk.utils.adt.Interval;
import org.tusk.utils.adt.VoidValue;

/**
 * Writes a tuple of Datums (the representations listed in {@code utils/adt}) to a temporary
 * file and reads it back unchanged: the job of heap_form_minimal_tuple / writetup_heap for a
 * spilled sort. Each value carries a one-byte tag for its Java form, so the codec needs no
 * tuple descriptor. {@link #size} estimates the memory a tuple occupies in a sort, as
 * GetMemoryChunkSpace of a MinimalTuple plus its SortTuple slot would.
 */
final class DatumCodec {
    private DatumCodec() {}

    private static final byte NULL = 0, BOOL = 1, INT2 = 2, INT4 = 3, INT8 = 4, FLOAT4 = 5, FLOAT8 = 6, TEXT = 7, NUMERIC = 8,
            BYTEA = 9, DATE = 10, TIME = 11, TIMESTAMP = 12, TIMESTAMPTZ = 13, INTERVAL = 14, INET = 15, VOID = 16, ARRAY = 17;

    /** Whether every value of the tuple has a serial form (if not, the sort must stay in memory). */
    static boolean canWrite(Object[] tuple) {
        for (Object v : tuple) if (!canWrite(v)) return false;
        return true;
    }

    private static boolean canWrite(Object v) {
        if (v instanceof Object[] a) return canWrite(a);
        return v == null || v instanceof Boolean || v instanceof Short || v instanceof Integer || v instanceof Long
                || v instanceof Float || v instanceof Double || v instanceof String || v instanceof BigDecimal
                || v instanceof byte[] || v instanceof LocalDate || v instanceof LocalTime || v instanceof LocalDateTime
                || v instanceof Instant || v instanceof Interval || v instanceof Inet || v instanceof VoidValue;
    }

    static void write(DataOutputStream out, Object[] tuple) throws IOException {
        out.writeShort(tuple.length);
        for (Object v : tuple) writeValue(out, v);
    }

    static Object[] read(DataInputStream in) throws IOException {
        Object[] t = new Object[in.readUnsignedShort()];
        for (int i = 0; i < t.length; i++) t[i] = readValue(in);
        return t;
    }

    private static void writeValue(DataOutputStream out, Object v) throws IOException {
        switch (v) {
            case null -> out.writeByte(NULL);
            case Boolean b -> { out.writeByte(BOOL); out.writeBoolean(b); }
            case Short s -> { out.writeByte(INT2); out.writeShort(s); }
            case Integer i -> { out.writeByte(INT4); out.writeInt(i); }
            case Long l -> { out.writeByte(INT8); out.writeLong(l); }
            case Float f -> { out.writeByte(FLOAT4); out.writeFloat(f); }
            case Double d -> { out.writeByte(FLOAT8); out.writeDouble(d); }
            case String s -> { out.writeByte(TEXT); bytes(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }
            case BigDecimal n -> { out.writeByte(NUMERIC); out.writeInt(n.scale()); bytes(out, n.unscaledValue().toByteArray()); }
            case byte[] b -> { out.writeByte(BYTEA); bytes(out, b); }
            case LocalDate d -> { out.writeByte(DATE); out.writeLong(d.toEpochDay()); }
            case LocalTime t -> { out.writeByte(TIME); out.writeLong(t.toNanoOfDay()); }
            case LocalDateTime t -> {
                out.writeByte(TIMESTAMP);
                out.writeLong(t.toEpochSecond(ZoneOffset.UTC));
                out.writeInt(t.getNano());
            }
            case Instant t -> { out.writeByte(TIMESTAMPTZ); out.writeLong(t.getEpochSecond()); out.writeInt(t.getNano()); }
            case Interval i -> { out.writeByte(INTERVAL); out.writeInt(i.months()); out.writeInt(i.days()); out.writeLong(i.micros()); }
            case Inet i -> { out.writeByte(INET); bytes(out, i.address().getAddress()); out.writeInt(i.bits()); }
            case VoidValue x -> out.writeByte(VOID);
            case Object[] a -> { out.writeByte(ARRAY); write(out, a); }
            default -> throw new IllegalArgumentException("no serial form for " + v.getClass().getName());
        }
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    private static Object readValue(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case BOOL -> in.readBoolean();
            case INT2 -> in.readShort();
            case INT4 -> in.readInt();
            case INT8 -> in.readLong();
            case FLOAT4 -> in.readFloat();
            case FLOAT8 -> in.readDouble();
            case TEXT -> new String(bytes(in), java.nio.charset.StandardCharsets.UTF_8);
            case NUMERIC -> {
                int scale = in.readInt();
                yield new BigDecimal(new BigInteger(bytes(in)), scale);
            }
            case BYTEA -> bytes(in);
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case TIME -> LocalTime.ofNanoOfDay(in.readLong());
            case TIMESTAMP -> LocalDateTime.ofEpochSecond(in.readLong(), in.readInt(), ZoneOffset.UTC);
            case TIMESTAMPTZ -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case INTERVAL -> new Interval(in.readInt(), in.readInt(), in.readLong());
            case INET -> new Inet(InetAddress.getByAddress(bytes(in)), in.readInt());
            case VOID -> VoidValue.VOID;
            case ARRAY -> read(in);
            default -> throw new IOException("corrupt sort temporary file: tag " + tag);
        };
    }

    /**
     * Memory charged for one tuple (its SortTuple slot is charged with the memtuples array): the
     * MinimalTuple's palloc chunk, data MAXALIGNed and rounded up to a power of two as aset.c
     * does, plus the 16-byte chunk header.
     */
    static long size(Object[] tuple) {
        long data = 16 + (tuple.length + 7) / 8;
        for (Object v : tuple) data += valueSize(v);
        long chunk = Long.highestOneBit(Math.max(8, data - 1)) << 1;
        return 16 + chunk;
    }

    private static long valueSize(Object v) {
        return switch (v) {
            case null -> 0;
            case Boolean b -> 1;
            case Short s -> 2;
            case Integer i -> 4;
            case Float f -> 4;
            case Long l -> 8;
            case Double d -> 8;
            case String s -> align(s.length() + (s.length() < 127 ? 1 : 4));
            case BigDecimal n -> align(8 + n.precision() / 2);
            case byte[] b -> align(b.length + 4);
            case Object[] a -> 24 + a.length * 8L;
            default -> 16;
        };
    }

    private static long align(long n) { return (n + 7) & ~7L; }
}
