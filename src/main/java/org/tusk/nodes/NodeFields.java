package org.tusk.nodes;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Generic access to the parts of a node tree (the role of nodeFuncs.c's tree walkers for code
 * that only needs "everything below this node"): node kinds are records, so a record's
 * components are its children. Walkers built on this see node kinds added later without a case
 * of their own.
 *
 * <p>The accessors of each record class are looked up once ({@link ClassValue}): walkers run on
 * every statement (ExecPermissions visits every query level of each one), and
 * {@code Class.getRecordComponents()} builds new component objects on every call.
 */
public final class NodeFields {
    private NodeFields() {}

    /** The accessors of a record class's components that can hold further nodes (records and lists). */
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            List<Method> out = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                Class<?> t = c.getType();
                if (t.isPrimitive() || t == String.class || t.isEnum()) continue;
                out.add(c.getAccessor());
            }
            return out.toArray(new Method[0]);
        }
    };

    /**
     * The non-null components of {@code node} that can hold further nodes (records and lists);
     * primitive, string and enum components are leaves and left out.
     */
    public static List<Object> children(Record node) {
        Method[] accessors = ACCESSORS.get(node.getClass());
        List<Object> out = new ArrayList<>(accessors.length);
        for (Method m : accessors) {
            Object v;
            try {
                v = m.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + m.getName() + " of " + node.getClass().getSimpleName(), e);
            }
            if (v != null) out.add(v);
        }
        return out;
    }
}
