package org.tusk.access.common;

import java.util.List;

/**
 * A tuple descriptor (tupdesc.h): the attributes of a row type, in attribute-number order, plus
 * the composite type id and typmod that heap_form_tuple stamps into a formed tuple's header.
 * Immutable.
 *
 * @param typeId the row type's OID; {@link #RECORDOID} for an anonymous record
 * @param typmod -1, or the typmod identifying a blessed anonymous record type
 */
public record TupleDesc(List<Attribute> attributes, int typeId, int typmod) {
    /** RECORDOID: the pseudo-type of anonymous rows. */
    public static final int RECORDOID = 2249;

    public TupleDesc {
        attributes = List.copyOf(attributes);
        if (attributes.size() > HeapTupleHeader.MAX_TUPLE_ATTRIBUTE_NUMBER) {
            throw new IllegalArgumentException("number of columns (" + attributes.size() + ") exceeds limit ("
                    + HeapTupleHeader.MAX_TUPLE_ATTRIBUTE_NUMBER + ")");
        }
    }

    public static TupleDesc of(Attribute... attributes) {
        return new TupleDesc(List.of(attributes), RECORDOID, -1);
    }

    public int natts() {
        return attributes.size();
    }

    /** Attribute {@code i}, 0-based (PostgreSQL's TupleDescAttr). */
    public Attribute attr(int i) {
        return attributes.get(i);
    }
}
