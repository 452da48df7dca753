package org.tusk.catalog;

import java.util.List;

/**
 * A user-defined aggregate as its pg_proc (prokind 'a') and pg_aggregate rows describe it
 * (PostgreSQL's Form_pg_aggregate). Support functions are pg_proc OIDs, 0 for none; built-in ones
 * carry Tusk's built-in OIDs ({@link BuiltinCatalog#functionByOid}).
 *
 * @param kind          aggkind: 'n' normal, 'o' ordered-set, 'h' hypothetical-set
 * @param variadicType  provariadic: the element type of a VARIADIC last argument, 0 if none
 * @param initVal       agginitval: the initial state as text (null: the state starts NULL)
 * @param finalModify   aggfinalmodify: 'r' read-only, 's' shareable, 'w' read-write
 */
public record UserAggregate(int oid, String name, int namespace, int owner, List<Integer> argTypes,
                            List<String> argNames, int resultType, char kind, int numDirectArgs, int variadicType,
                            int transFn, int finalFn, int combineFn, int serialFn, int deserialFn,
                            int mtransFn, int minvtransFn, int mfinalFn, boolean finalExtra, boolean mfinalExtra,
                            char finalModify, char mfinalModify, int sortOp, int transType, int transSpace,
                            int mtransType, int mtransSpace, String initVal, String minitVal) {

    /** The same aggregate with the OID and owner catalog insertion assigned. */
    UserAggregate withOid(int newOid, int newOwner) {
        return new UserAggregate(newOid, name, namespace, newOwner, argTypes, argNames, resultType, kind, numDirectArgs,
                variadicType, transFn, finalFn, combineFn, serialFn, deserialFn, mtransFn, minvtransFn, mfinalFn,
                finalExtra, mfinalExtra, finalModify, mfinalModify, sortOp, transType, transSpace, mtransType,
                mtransSpace, initVal, minitVal);
    }

    /** The same aggregate under another name or in another schema (ALTER AGGREGATE RENAME / SET SCHEMA). */
    public UserAggregate renamed(String newName, int newNamespace, int newOwner) {
        return new UserAggregate(oid, newName, newNamespace, newOwner, argTypes, argNames, resultType, kind,
                numDirectArgs, variadicType, transFn, finalFn, combineFn, serialFn, deserialFn, mtransFn, minvtransFn,
                mfinalFn, finalExtra, mfinalExtra, finalModify, mfinalModify, sortOp, transType, transSpace, mtransType,
                mtransSpace, initVal, minitVal);
    }

    /** format_aggregate_signature-like "name(integer)" / "name(*)" for messages. */
    public String signature() {
        if (argTypes.isEmpty()) return name + "(*)";
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < argTypes.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(BuiltinCatalog.formatType(argTypes.get(i)));
        }
        return sb.append(')').toString();
    }
}
