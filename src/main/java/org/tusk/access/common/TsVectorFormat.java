package org.tusk.access.common;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.adt.tsearch.TsVector;

/**
 * tsvector's stored form (ts_type.h TSVectorData, as tsvectorin and tsvector_concat lay it out):
 *
 * <pre>
 * int32      size                         number of lexemes
 * WordEntry  entries[size]                uint32: bit 0 haspos, bits 1-11 len, bits 12-31 pos
 * char       strings[]                    each lexeme's bytes at STRPTR + pos, not terminated;
 *                                         if haspos, then at SHORTALIGN(pos + len) a uint16 npos
 *                                         and npos WordEntryPos (uint16: weight 2 bits, position 14)
 * </pre>
 * Lexemes are in tsCompareString order and their strings follow in that order; padding is zero
 * (tsvectorin pallocs with palloc0). The payload here is what follows the varlena header, so
 * every offset is four less than PostgreSQL's, which keeps its SHORTALIGN boundaries.
 */
final class TsVectorFormat {
    private TsVectorFormat() {}

    private static final int DATAHDRSIZE = 4;

    static byte[] encode(TsVector v) {
        List<TsVector.Lexeme> lex = v.lexemes();
        List<byte[]> words = new ArrayList<>(lex.size());
        int strLen = 0;
        for (TsVector.Lexeme l : lex) {
            byte[] w = l.word().getBytes(StandardCharsets.UTF_8);
            words.add(w);
            strLen += w.length;
            if (l.hasPositions()) strLen = shortAlign(strLen) + 2 + 2 * l.positions().length;
        }
        int strStart = DATAHDRSIZE + 4 * lex.size();
        ByteBuffer b = ByteBuffer.allocate(strStart + strLen).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, lex.size());
        int off = 0;
        for (int i = 0; i < lex.size(); i++) {
            TsVector.Lexeme l = lex.get(i);
            byte[] w = words.get(i);
            int entry = (l.hasPositions() ? 1 : 0) | (w.length & 0x7FF) << 1 | off << 12;
            b.putInt(DATAHDRSIZE + 4 * i, entry);
            b.put(strStart + off, w);
            off += w.length;
            if (l.hasPositions()) {
                off = shortAlign(off);
                b.putShort(strStart + off, (short) l.positions().length);
                off += 2;
                for (short p : l.positions()) {
                    b.putShort(strStart + off, p);
                    off += 2;
                }
            }
        }
        return b.array();
    }

    static TsVector decode(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.getInt(0);
        int strStart = DATAHDRSIZE + 4 * n;
        List<TsVector.Lexeme> lex = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int entry = b.getInt(DATAHDRSIZE + 4 * i);
            int len = (entry >>> 1) & 0x7FF, pos = entry >>> 12;
            String word = new String(payload, strStart + pos, len, StandardCharsets.UTF_8);
            short[] positions = new short[0];
            if ((entry & 1) != 0) {
                int at = strStart + shortAlign(pos + len);
                positions = new short[Short.toUnsignedInt(b.getShort(at))];
                for (int k = 0; k < positions.length; k++) positions[k] = b.getShort(at + 2 + 2 * k);
            }
            lex.add(new TsVector.Lexeme(word, positions));
        }
        return new TsVector(lex);
    }

    private static int shortAlign(int x) { return (x + 1) & ~1; }
}
