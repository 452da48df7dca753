package org.tusk.nodes;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Generic access to the parts of a node tree (the role of nodeFuncs.c's tree walkers for code
 * that only needs "everything below this node"): node kinds are records, so a record's
 * components are its children. Walkers built on this see node kinds added later without a case
 * of their own.
 */
public final class NodeFields {
    private NodeFields() {}

    /**
     * The non-null components of {@code node} that can hold further nodes (records and lists);
     * primitive, string and enum components are leaves and left out.
     */
    public static List<Object> children(Record node) {
        List<Object> out = new ArrayList<>();
        for (RecordComponent c : node.getClass().getRecordComponents()) {
            Class<?> t = c.getType();
            if (t.isPrimitive() || t == String.class || t.isEnum()) continue;
            Object v;
            try {
                v = c.getAccessor().invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c + " of " + node.getClass().getSimpleName(), e);
            }
            if (v != null) out.add(v);
        }
        return out;
    }
}
