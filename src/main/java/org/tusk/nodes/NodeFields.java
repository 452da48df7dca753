package org.tusk.nodes;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * {@code Class.getRecordComponents()} builds new component objects on every call. Each accessor
 * is kept as a method handle typed (Object)Object and called with {@code invokeExact}, because
 * {@code Method.invoke} checks and adapts its arguments on every call: it was 3% of a simple
 * select's CPU.
 */
public final class NodeFields {
    private NodeFields() {}

    /** The accessors of a record class's components that can hold further nodes (records and lists). */
    private static final ClassValue<MethodHandle[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            List<MethodHandle> out = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                Class<?> t = c.getType();
                if (t.isPrimitive() || t == String.class || t.isEnum()) continue;
                try {
                    out.add(MethodHandles.publicLookup().unreflect(c.getAccessor()).asType(OBJECT_TO_OBJECT));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + type.getSimpleName(), e);
                }
            }
            return out.toArray(new MethodHandle[0]);
        }
    };

    private static final MethodType OBJECT_TO_OBJECT = MethodType.methodType(Object.class, Object.class);

    /**
     * Calls {@code action} with each non-null component of {@code node} that can hold further
     * nodes, as {@link #children} lists them, without building the list (walkers that visit
     * every node of every statement).
     */
    public static void forEachChild(Record node, java.util.function.Consumer<Object> action) {
        MethodHandle[] accessors = ACCESSORS.get(node.getClass());
        for (MethodHandle accessor : accessors) {
            Object v;
            try {
                v = (Object) accessor.invokeExact((Object) node);
            } catch (Throwable e) {
                throw new IllegalStateException("reading the components of " + node.getClass().getSimpleName(), e);
            }
            if (v != null) action.accept(v);
        }
    }

    /**
     * The non-null components of {@code node} that can hold further nodes (records and lists);
     * primitive, string and enum components are leaves and left out.
     */
    public static List<Object> children(Record node) {
        List<Object> out = new ArrayList<>(ACCESSORS.get(node.getClass()).length);
        forEachChild(node, out::add);
        return out;
    }
}
