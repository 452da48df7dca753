package org.tusk.utils.adt.tsearch;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.error.PgException;

/**
 * The binary wire forms of tsvector and tsquery (tsvectorsend/tsvectorrecv in tsvector.c,
 * tsquerysend/tsqueryrecv in tsquery.c), all integers in network order:
 *
 * <pre>
 * tsvector: int32 nentries; per lexeme: the lexeme NUL-terminated, uint16 npos, npos uint16 WordEntryPos
 * tsquery:  int32 size; per QueryItem in prefix order (right operand first): int8 type;
 *           QI_VAL: int8 weight, int8 prefix, the operand NUL-terminated;
 *           QI_OPR: int8 oper, and for OP_PHRASE int16 distance
 * </pre>
 */
public final class TsBinary {
    private TsBinary() {}

    public static byte[] tsvectorSend(TsVector v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int32(out, v.size());
        for (TsVector.Lexeme l : v.lexemes()) {
            out.writeBytes(l.word().getBytes(StandardCharsets.UTF_8));
            out.write(0);
            int16(out, l.positions().length);
            for (short p : l.positions()) int16(out, p);
        }
        return out.toByteArray();
    }

    /** tsvectorrecv: its sanity checks, then sorting and merging as tsvectorin would. */
    public static TsVector tsvectorRecv(byte[] data) {
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            int n = b.getInt();
            if (n < 0 || n > data.length) throw internal("invalid size of tsvector");
            List<TsVector.Lexeme> lex = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String word = cstring(b);
                int npos = Short.toUnsignedInt(b.getShort());
                if (word.getBytes(StandardCharsets.UTF_8).length > TsVector.MAXSTRLEN) {
                    throw internal("invalid tsvector: lexeme too long");
                }
                if (npos > TsVector.MAXNUMPOS) throw internal("unexpected number of tsvector positions");
                short[] pos = new short[npos];
                for (int k = 0; k < npos; k++) {
                    pos[k] = b.getShort();
                    if (k > 0 && TsVector.pos(pos[k]) <= TsVector.pos(pos[k - 1])) {
                        throw internal("position information is misordered");
                    }
                }
                lex.add(new TsVector.Lexeme(word, pos));
            }
            return TsVector.normalize(lex);
        } catch (BufferUnderflowException e) {
            throw PgException.error("08P01", "insufficient data left in message");
        }
    }

    public static byte[] tsquerySend(TsQuery q) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int32(out, TsQuery.count(q.root()));
        if (q.root() != null) sendNode(out, q.root());
        return out.toByteArray();
    }

    private static void sendNode(ByteArrayOutputStream out, TsQuery.Node n) {
        switch (n) {
            case TsQuery.Operand o -> {
                out.write(1);
                out.write(o.weight());
                out.write(o.prefix() ? 1 : 0);
                out.writeBytes(o.word().getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
            case TsQuery.Operator op -> {
                out.write(2);
                out.write(op.oper());
                if (op.oper() == TsQuery.OP_PHRASE) int16(out, op.distance());
                sendNode(out, op.right());
                if (op.left() != null) sendNode(out, op.left());
            }
            case TsQuery.Stop s -> throw new IllegalStateException("stop-word placeholder in a finished tsquery");
        }
    }

    /** tsqueryrecv: the items in prefix order, checked as tsqueryrecv and findoprnd check them. */
    public static TsQuery tsqueryRecv(byte[] data) {
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            int size = b.getInt();
            if (size < 0 || size > data.length) throw internal("invalid size of tsquery");
            if (size == 0) return TsQuery.EMPTY;
            int[] left = {size};
            TsQuery.Node root = recvNode(b, left);
            if (left[0] != 0) throw internal("malformed tsquery: extra nodes");
            return new TsQuery(root);
        } catch (BufferUnderflowException e) {
            throw PgException.error("08P01", "insufficient data left in message");
        }
    }

    private static TsQuery.Node recvNode(ByteBuffer b, int[] remaining) {
        if (remaining[0]-- <= 0) throw internal("malformed tsquery: operand not found");
        int type = b.get();
        if (type == 1) {
            int weight = Byte.toUnsignedInt(b.get());
            int prefix = b.get();
            String word = cstring(b);
            if (weight > 0xF) throw internal("invalid tsquery: invalid weight bitmap");
            if (word.getBytes(StandardCharsets.UTF_8).length > TsVector.MAXSTRLEN) {
                throw internal("invalid tsquery: operand too long");
            }
            return new TsQuery.Operand(word, weight, prefix != 0);
        }
        if (type != 2) throw internal("unrecognized tsquery node type: " + type);
        int oper = b.get();
        if (oper < TsQuery.OP_NOT || oper > TsQuery.OP_PHRASE) throw internal("invalid tsquery: unrecognized operator type " + oper);
        int distance = oper == TsQuery.OP_PHRASE ? b.getShort() : 0;
        TsQuery.Node right = recvNode(b, remaining);
        if (oper == TsQuery.OP_NOT) return new TsQuery.Operator(oper, 0, null, right);
        return new TsQuery.Operator(oper, distance, recvNode(b, remaining), right);
    }

    private static String cstring(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) { }
        return new String(b.array(), start, b.position() - start - 1, StandardCharsets.UTF_8);
    }

    private static PgException internal(String msg) { return PgException.error("XX000", msg); }

    private static void int32(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void int16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }
}
