package org.tusk.tcop;

import org.tusk.libpq.BackendMessages;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sending result rows to the client (PostgreSQL's printtup.c): a RowDescription, then one
 * DataRow per row, each column in the format the client asked for in Bind (text unless it asked
 * for binary).
 *
 * <p>Binary output is produced for the fixed-size and string types drivers request it for
 * (bool, int2/4/8, oid, xid, float4/8, text, varchar, name, bpchar, unknown, and the geometric
 * types through point_send ... poly_send); for these the binary form is derived from the type's
 * text output, losslessly unless extra_float_digits &lt; 1 rounded the float8 digits. Other types refuse binary
 * with PostgreSQL's error for a type without a send function.
 */
final class DestRemote {
    private static final int BOOL = 16, NAME = 19, INT8 = 20, INT2 = 21, INT4 = 23, TEXT = 25, OID = 26, XID = 28,
            FLOAT4 = 700, FLOAT8 = 701, UNKNOWN = 705, BPCHAR = 1042, VARCHAR = 1043, UUID = 2950, JSON = 114, JSONB = 3802,
            POINT = 600, LSEG = 601, PATH = 602, BOX = 603, POLYGON = 604, LINE = 628, CIRCLE = 718,
            MONEY = 790, TIMETZ = 1266, BIT = 1560, VARBIT = 1562,
            TSVECTOR = 3614, TSQUERY = 3615, REGCONFIG = 3734, REGDICTIONARY = 3769;

    private final BackendMessages out;
    private final int[] types;
    private final boolean[] binary;

    DestRemote(BackendMessages out, List<ResultColumn> columns, int[] formats) {
        this.out = out;
        int n = columns == null ? 0 : columns.size();
        this.types = new int[n];
        this.binary = new boolean[n];
        for (int i = 0; i < n; i++) {
            types[i] = columns.get(i).typeOid();
            binary[i] = formatOf(formats, i, n) == 1;
        }
    }

    /** The format code of column {@code i}: Bind gives none (text), one for all, or one per column. */
    static int formatOf(int[] formats, int i, int n) {
        if (formats == null || formats.length == 0) return 0;
        if (formats.length == 1) return formats[0];
        if (formats.length != n) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION,
                    "bind message has " + formats.length + " result formats but query has " + n + " columns");
        }
        return formats[i];
    }

    static List<BackendMessages.Column> columns(List<ResultColumn> cols, int[] formats) {
        List<BackendMessages.Column> out = new ArrayList<>(cols.size());
        for (int i = 0; i < cols.size(); i++) {
            ResultColumn c = cols.get(i);
            int f = formatOf(formats, i, cols.size());
            if (f == 1) checkBinary(c.typeOid());
            out.add(new BackendMessages.Column(c.name(), 0, 0, c.typeOid(), c.typlen(), c.typmod(), f));
        }
        return out;
    }

    private static void checkBinary(int type) {
        switch (type) {
            case BOOL, NAME, INT8, INT2, INT4, TEXT, OID, XID, FLOAT4, FLOAT8, UNKNOWN, BPCHAR, VARCHAR, UUID, JSON, JSONB,
                    POINT, LSEG, PATH, BOX, POLYGON, LINE, CIRCLE, MONEY, TIMETZ, BIT, VARBIT, TSVECTOR, TSQUERY, REGCONFIG,
                    REGDICTIONARY -> { }
            default -> throw PgException.error(SqlState.UNDEFINED_FUNCTION,
                    "no binary output function available for type with OID " + type);
        }
    }

    void send(String[] row) {
        byte[][] values = new byte[row.length][];
        for (int i = 0; i < row.length; i++) {
            String v = row[i];
            if (v == null) continue;
            values[i] = binary[i] ? toBinary(types[i], v) : v.getBytes(StandardCharsets.UTF_8);
        }
        out.dataRow(values);
    }

    private static byte[] toBinary(int type, String text) {
        return switch (type) {
            case BOOL -> new byte[] {(byte) (text.equals("t") ? 1 : 0)};
            case INT2 -> ByteBuffer.allocate(2).putShort(Short.parseShort(text)).array();
            case INT4 -> ByteBuffer.allocate(4).putInt(Integer.parseInt(text)).array();
            case OID, XID -> ByteBuffer.allocate(4).putInt((int) Long.parseLong(text)).array();
            case INT8 -> ByteBuffer.allocate(8).putLong(Long.parseLong(text)).array();
            case FLOAT4 -> ByteBuffer.allocate(4).putFloat(parseFloat(text)).array();
            case FLOAT8 -> ByteBuffer.allocate(8).putDouble(parseDouble(text)).array();
            // uuid_send: the 16 bytes; jsonb_send: version 1, then the text
            case UUID -> {
                java.util.UUID u = java.util.UUID.fromString(text);
                yield ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
            }
            // point_send ... poly_send of the value the text stands for (exact: float8 output is shortest-exact
            // unless extra_float_digits < 1)
            case POINT, LSEG, PATH, BOX, POLYGON, LINE, CIRCLE -> org.tusk.utils.adt.geo.GeoBinary.send(
                    org.tusk.utils.adt.geo.GeoText.in(type, text));
            // cash_send, timetz_send, bit_send/varbit_send of the value the text stands for
            case MONEY -> ByteBuffer.allocate(8).putLong(org.tusk.utils.adt.Cashes.in(text).value()).array();
            case TIMETZ -> org.tusk.utils.adt.TimeTzs.send(org.tusk.utils.adt.TimeTzs.in(text, org.tusk.utils.adt.InputSettings.DEFAULT));
            case BIT, VARBIT -> org.tusk.utils.adt.VarBits.send(org.tusk.utils.adt.VarBits.in(text));
            // tsvectorsend, tsquerysend; regconfigsend/regdictionarysend: the OID as a uint32
            case TSVECTOR -> org.tusk.utils.adt.tsearch.TsBinary.tsvectorSend(org.tusk.utils.adt.tsearch.TsVectorIO.in(text));
            case TSQUERY -> org.tusk.utils.adt.tsearch.TsBinary.tsquerySend(org.tusk.utils.adt.tsearch.TsQueryIO.in(text));
            case REGCONFIG -> ByteBuffer.allocate(4).putInt(org.tusk.catalog.TextSearchCatalogs.regconfigOid(text)).array();
            case REGDICTIONARY -> ByteBuffer.allocate(4).putInt(org.tusk.catalog.TextSearchCatalogs.regdictionaryOid(text)).array();
            case JSONB -> {
                byte[] t = text.getBytes(StandardCharsets.UTF_8);
                byte[] r = new byte[t.length + 1];
                r[0] = 1;
                System.arraycopy(t, 0, r, 1, t.length);
                yield r;
            }
            default -> text.getBytes(StandardCharsets.UTF_8);
        };
    }

    private static float parseFloat(String s) {
        return switch (s) {
            case "NaN" -> Float.NaN;
            case "Infinity" -> Float.POSITIVE_INFINITY;
            case "-Infinity" -> Float.NEGATIVE_INFINITY;
            default -> Float.parseFloat(s);
        };
    }

    private static double parseDouble(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
