package org.tusk.access.common;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.adt.tsearch.LegacyCrc32;
import org.tusk.utils.adt.tsearch.TsQuery;

/**
 * tsquery's stored form (ts_type.h TSQueryData):
 *
 * <pre>
 * int32      size                        number of QueryItems
 * QueryItem  items[size]                 12 bytes each, the tree in prefix order, right operand first
 *   QueryOperand:  int8 type = 1 (QI_VAL), uint8 weight, bool prefix, pad, int32 valcrc,
 *                  uint32 bits 0-11 length, bits 12-31 distance (offset of its string)
 *   QueryOperator: int8 type = 2 (QI_OPR), int8 oper, int16 distance (phrase only), uint32 left
 *                  (how many items further on its left operand starts; 1 for NOT, whose
 *                  only operand follows it)
 * char       operands[]                  NUL-terminated operand strings
 * </pre>
 * parse_tsquery (tsqueryin, to_tsquery) writes the operand strings in the order the operands
 * appeared in the text, which is the tree's left-to-right order; that is the order written
 * here. (Results built by QTN2QT, such as the operands of &amp;&amp; or ts_rewrite, put them in
 * item order instead; decoding accepts any order, because every operand records its offset.)
 */
final class TsQueryFormat {
    private TsQueryFormat() {}

    static final int QI_VAL = 1, QI_OPR = 2, ITEM = 12, HDRSIZETQ = 4;

    static byte[] encode(TsQuery q) {
        List<TsQuery.Node> items = new ArrayList<>();
        if (q.root() != null) prefix(q.root(), items);
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        int[] offsets = new int[items.size()];
        if (q.root() != null) inOrder(q.root(), 0, strings, offsets);
        byte[] str = strings.toByteArray();
        int itemsStart = HDRSIZETQ;
        ByteBuffer b = ByteBuffer.allocate(itemsStart + ITEM * items.size() + str.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, items.size());
        for (int i = 0; i < items.size(); i++) {
            int at = itemsStart + ITEM * i;
            switch (items.get(i)) {
                case TsQuery.Operand o -> {
                    byte[] w = o.word().getBytes(StandardCharsets.UTF_8);
                    b.put(at, (byte) QI_VAL).put(at + 1, (byte) o.weight()).put(at + 2, (byte) (o.prefix() ? 1 : 0));
                    b.putInt(at + 4, LegacyCrc32.of(o.word()));
                    b.putInt(at + 8, (w.length & 0xFFF) | offsets[i] << 12);
                }
                case TsQuery.Operator op -> {
                    b.put(at, (byte) QI_OPR).put(at + 1, (byte) op.oper());
                    b.putShort(at + 2, (short) (op.oper() == TsQuery.OP_PHRASE ? op.distance() : 0));
                    // findoprnd gives NOT the fixed offset 1 (its operand follows it)
                    b.putInt(at + 4, op.oper() == TsQuery.OP_NOT ? 1 : 1 + TsQuery.count(op.right()));
                }
                case TsQuery.Stop s -> throw new IllegalStateException("stop-word placeholder in a finished tsquery");
            }
        }
        b.put(itemsStart + ITEM * items.size(), str);
        return b.array();
    }

    /** GETQUERY order: the node, then its right operand's subtree, then its left operand's. */
    private static void prefix(TsQuery.Node n, List<TsQuery.Node> out) {
        out.add(n);
        if (n instanceof TsQuery.Operator op) {
            prefix(op.right(), out);
            if (op.left() != null) prefix(op.left(), out);
        }
    }

    /** Writes the operand strings left to right, recording each one's offset by its item index. */
    private static void inOrder(TsQuery.Node n, int index, ByteArrayOutputStream str, int[] offsets) {
        if (n instanceof TsQuery.Operator op) {
            if (op.left() != null) inOrder(op.left(), index + 1 + TsQuery.count(op.right()), str, offsets);
            inOrder(op.right(), index + 1, str, offsets);
        } else if (n instanceof TsQuery.Operand o) {
            offsets[index] = str.size();
            str.writeBytes(o.word().getBytes(StandardCharsets.UTF_8));
            str.write(0);
        }
    }

    static TsQuery decode(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        int size = b.getInt(0);
        if (size == 0) return TsQuery.EMPTY;
        return new TsQuery(node(payload, b, 0, HDRSIZETQ + ITEM * size));
    }

    private static TsQuery.Node node(byte[] payload, ByteBuffer b, int i, int operands) {
        int at = HDRSIZETQ + ITEM * i;
        if (b.get(at) == QI_VAL) {
            int bits = b.getInt(at + 8);
            int len = bits & 0xFFF, dist = bits >>> 12;
            String word = new String(payload, operands + dist, len, StandardCharsets.UTF_8);
            return new TsQuery.Operand(word, Byte.toUnsignedInt(b.get(at + 1)), b.get(at + 2) != 0);
        }
        int oper = b.get(at + 1);
        TsQuery.Node right = node(payload, b, i + 1, operands);
        if (oper == TsQuery.OP_NOT) return new TsQuery.Operator(oper, 0, null, right);
        TsQuery.Node left = node(payload, b, i + b.getInt(at + 4), operands);
        return new TsQuery.Operator(oper, oper == TsQuery.OP_PHRASE ? b.getShort(at + 2) : 0, left, right);
    }
}
