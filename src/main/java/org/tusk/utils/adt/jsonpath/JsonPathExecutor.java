package org.tusk.utils.adt.jsonpath;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.utils.adt.Floats;
import org.tusk.utils.adt.Jsonb;
import org.tusk.utils.adt.NumericSpecial;
import org.tusk.utils.adt.Numerics;
import org.tusk.utils.adt.jsonpath.JsonPathItem.Type;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The jsonpath executor (jsonpath_exec.c): evaluates a {@link JsonPath} against a jsonb value
 * and collects the resulting items. Items are jsonb tree nodes ({@link Jsonb}'s NULL, Boolean,
 * BigDecimal, String, List, Map).
 *
 * <p>Semantics follow PostgreSQL 15: in lax mode arrays are unwrapped where a non-array is
 * expected, non-arrays are wrapped where an array is expected, and structural errors (missing
 * keys, accessors on the wrong kind of value) yield no items; in strict mode they are errors.
 * Predicates have three-valued logic, an error inside a predicate making it unknown. Errors are
 * raised when {@code throwErrors} is set (silent = false) and otherwise turn the whole result
 * into {@link Result#ERROR} (RETURN_ERROR). A null {@code found} list means only existence is
 * asked, so evaluation stops at the first item.
 *
 * <p>One executor evaluates one call; it is not shared between threads.
 */
public final class JsonPathExecutor {
    /** JsonPathExecResult. */
    public enum Result { OK, NOT_FOUND, ERROR }

    /** JsonPathBool. */
    private enum Bool { FALSE, TRUE, UNKNOWN }

    private final boolean laxMode;
    private final Object root;
    private final Map<?, ?> vars;
    private final Object varsRoot;
    private boolean ignoreStructuralErrors;
    private boolean throwErrors;
    private Object current;
    private int innermostArraySize = -1;
    private Object baseObject;
    private long baseId;
    private long lastGeneratedObjectId;

    private JsonPathExecutor(JsonPath path, Object vars, Object json, boolean throwErrors) {
        this.laxMode = path.lax();
        this.ignoreStructuralErrors = laxMode;
        this.throwErrors = throwErrors;
        this.root = json;
        this.current = json;
        this.varsRoot = vars;
        this.vars = vars instanceof Map<?, ?> m ? m : null;
        this.lastGeneratedObjectId = vars != null ? 2 : 1;
    }

    /**
     * executeJsonPath: evaluates {@code path} on {@code json} with the variables of the jsonb
     * object {@code vars} (null: none), appending the items to {@code found} (null: existence only).
     */
    public static Result execute(JsonPath path, Object vars, Object json, boolean throwErrors, List<Object> found) {
        if (vars != null && !(vars instanceof Map<?, ?>))
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "\"vars\" argument is not an object")
                    .withDetail("Jsonpath parameters should be encoded as key-value pairs of \"vars\" object.");
        JsonPathExecutor cxt = new JsonPathExecutor(path, vars, json, throwErrors);
        if (!cxt.laxMode && found == null) {
            // strict mode must evaluate everything to know that no error occurs anywhere
            List<Object> vals = new ArrayList<>();
            Result res = cxt.executeItem(path.root(), json, vals);
            if (res == Result.ERROR) return res;
            return vals.isEmpty() ? Result.NOT_FOUND : Result.OK;
        }
        return cxt.executeItem(path.root(), json, found);
    }

    // ------------------------------------------------------------------ errors

    /** RETURN_ERROR: raise when throwing errors, else report the error as the result. */
    private Result error(String sqlState, String message) {
        if (throwErrors) throw PgException.error(sqlState, message);
        return Result.ERROR;
    }

    private static String methodName(JsonPathItem jsp) { return JsonPathPrinter.operationName(jsp.type); }

    // ------------------------------------------------------------------ value kinds

    private static boolean isArray(Object v) { return v instanceof List<?>; }

    private static boolean isObject(Object v) { return v instanceof Map<?, ?>; }

    /** JsonbArraySize: the element count of an array, -1 for anything else. */
    private static int arraySize(Object v) { return v instanceof List<?> l ? l.size() : -1; }

    private static BigDecimal numeric(Object v) { return v instanceof BigDecimal d ? d : null; }

    // ------------------------------------------------------------------ item execution

    /** executeItem. */
    private Result executeItem(JsonPathItem jsp, Object jb, List<Object> found) {
        return executeItemOptUnwrapTarget(jsp, jb, found, laxMode);
    }

    /** executeNextItem: continue with {@code next} (or the item after {@code cur}), else collect {@code v}. */
    private Result executeNextItem(JsonPathItem cur, JsonPathItem next, Object v, List<Object> found) {
        boolean hasNext;
        if (cur == null) hasNext = next != null;
        else if (next != null) hasNext = cur.next != null;
        else {
            next = cur.next;
            hasNext = next != null;
        }
        if (hasNext) return executeItem(next, v, found);
        if (found != null) found.add(v);
        return Result.OK;
    }

    private Result executeItemOptUnwrapTarget(JsonPathItem jsp, Object jb, List<Object> found, boolean unwrap) {
        Result res = Result.NOT_FOUND;
        switch (jsp.type) {
            case AND, OR, NOT, IS_UNKNOWN, EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL, EXISTS,
                    STARTS_WITH, LIKE_REGEX -> {
                Bool st = executeBoolItem(jsp, jb, true);
                return appendBoolResult(jsp, found, st);
            }
            case ADD, SUB, MUL, DIV, MOD -> { return executeBinaryArithmExpr(jsp, jb, found); }
            case PLUS, MINUS -> { return executeUnaryArithmExpr(jsp, jb, found); }
            case FILTER -> {
                if (unwrap && isArray(jb)) return executeItemUnwrapTargetArray(jsp, jb, found, false);
                Bool st = executeNestedBoolItem(jsp.arg, jb);
                if (st != Bool.TRUE) return Result.NOT_FOUND;
                return executeNextItem(jsp, null, jb, found);
            }
            case ANY -> {
                JsonPathItem next = jsp.next;
                // first try without any intermediate steps
                if (jsp.first == 0) {
                    boolean saved = ignoreStructuralErrors;
                    ignoreStructuralErrors = true;
                    res = executeNextItem(jsp, next, jb, found);
                    ignoreStructuralErrors = saved;
                    if (res == Result.OK && found == null) return res;
                }
                if (isArray(jb) || isObject(jb))
                    res = executeAnyItem(next, jb, found, 1, jsp.first, jsp.last, true, laxMode);
                return res;
            }
            case KEY -> {
                if (jb instanceof Map<?, ?> m) {
                    Object v = m.get(jsp.str);
                    if (v != null) return executeNextItem(jsp, null, v, found);
                    if (!ignoreStructuralErrors)
                        return error(SqlJsonState.SQL_JSON_MEMBER_NOT_FOUND, "JSON object does not contain key \"" + jsp.str + "\"");
                } else if (unwrap && isArray(jb)) {
                    return executeItemUnwrapTargetArray(jsp, jb, found, false);
                } else if (!ignoreStructuralErrors) {
                    return error(SqlJsonState.SQL_JSON_MEMBER_NOT_FOUND, "jsonpath member accessor can only be applied to an object");
                }
                return res;
            }
            case ROOT -> {
                Object savedBase = baseObject;
                long savedId = baseId;
                baseObject = root;
                baseId = 0;
                res = executeNextItem(jsp, null, root, found);
                baseObject = savedBase;
                baseId = savedId;
                return res;
            }
            case CURRENT -> { return executeNextItem(jsp, null, current, found); }
            case ANY_ARRAY -> {
                if (isArray(jb)) return executeItemUnwrapTargetArray(jsp.next, jb, found, laxMode);
                if (laxMode) return executeNextItem(jsp, null, jb, found);
                if (!ignoreStructuralErrors)
                    return error(SqlJsonState.SQL_JSON_ARRAY_NOT_FOUND, "jsonpath wildcard array accessor can only be applied to an array");
                return res;
            }
            case INDEX_ARRAY -> { return executeIndexArray(jsp, jb, found); }
            case LAST -> {
                if (innermostArraySize < 0) throw new IllegalStateException("evaluating jsonpath LAST outside of array subscript");
                if (jsp.next == null && found == null) return Result.OK;
                return executeNextItem(jsp, jsp.next, BigDecimal.valueOf(innermostArraySize - 1L), found);
            }
            case ANY_KEY -> {
                if (isObject(jb)) return executeAnyItem(jsp.next, jb, found, 1, 1, 1, false, laxMode);
                if (unwrap && isArray(jb)) return executeItemUnwrapTargetArray(jsp, jb, found, false);
                if (!ignoreStructuralErrors)
                    return error(SqlJsonState.SQL_JSON_OBJECT_NOT_FOUND, "jsonpath wildcard member accessor can only be applied to an object");
                return res;
            }
            case NULL, BOOL, NUMERIC, STRING, VARIABLE -> {
                // skip evaluation, but not for variables: a missing variable must be reported
                if (jsp.next == null && found == null && jsp.type != Type.VARIABLE) return Result.OK;
                Object savedBase = baseObject;
                long savedId = baseId;
                Object v = getJsonPathItem(jsp);
                res = executeNextItem(jsp, jsp.next, v, found);
                baseObject = savedBase;
                baseId = savedId;
                return res;
            }
            case TYPE -> { return executeNextItem(jsp, null, typeName(jb), found); }
            case SIZE -> {
                int size = arraySize(jb);
                if (size < 0) {
                    if (!laxMode) {
                        if (!ignoreStructuralErrors)
                            return error(SqlJsonState.SQL_JSON_ARRAY_NOT_FOUND,
                                    "jsonpath item method ." + methodName(jsp) + "() can only be applied to an array");
                        return res;
                    }
                    size = 1;
                }
                return executeNextItem(jsp, null, BigDecimal.valueOf(size), found);
            }
            case ABS, FLOOR, CEILING -> { return executeNumericItemMethod(jsp, jb, unwrap, found); }
            case DOUBLE -> { return executeDouble(jsp, jb, unwrap, found); }
            case DATETIME -> {
                if (unwrap && isArray(jb)) return executeItemUnwrapTargetArray(jsp, jb, found, false);
                return executeDateTimeMethod(jb);
            }
            case KEY_VALUE -> {
                if (unwrap && isArray(jb)) return executeItemUnwrapTargetArray(jsp, jb, found, false);
                return executeKeyValueMethod(jsp, jb, found);
            }
            default -> throw new IllegalStateException("unrecognized jsonpath item type: " + jsp.type);
        }
    }

    /** JsonbTypeName of an item. */
    static String typeName(Object v) {
        return Jsonb.typeName(v);
    }

    /**
     * executeDateTimeMethod, as far as it goes: the argument must be a string. Converting the
     * string needs formatting.c's parse_datetime in its strict ("std") template mode and the
     * jbvDatetime items with their casts and comparisons, which Tusk does not have yet; rather
     * than convert differently from PostgreSQL, a string argument is refused as not supported.
     */
    private Result executeDateTimeMethod(Object jb) {
        if (!(jb instanceof String))
            return error(SqlJsonState.INVALID_ARGUMENT_FOR_SQL_JSON_DATETIME_FUNCTION,
                    "jsonpath item method .datetime() can only be applied to a string");
        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "jsonpath item method .datetime() is not supported yet");
    }

    /** executeItemUnwrapTargetArray: runs {@code jsp} on each element of the array {@code jb}. */
    private Result executeItemUnwrapTargetArray(JsonPathItem jsp, Object jb, List<Object> found, boolean unwrapElements) {
        return executeAnyItem(jsp, jb, found, 1, 1, 1, false, unwrapElements);
    }

    /** executeAnyItem: the items of a container from level {@code first} to {@code last}, recursively. */
    private Result executeAnyItem(JsonPathItem jsp, Object jbc, List<Object> found, long level, long first, long last,
                                  boolean ignoreStructural, boolean unwrapNext) {
        Result res = Result.NOT_FOUND;
        if (level > last) return res;
        Iterable<?> children = jbc instanceof Map<?, ?> m ? m.values() : (List<?>) jbc;
        for (Object v : children) {
            boolean container = v instanceof List<?> || v instanceof Map<?, ?>;
            if (level >= first || (first == JsonPathItem.LAST_LEVEL && last == JsonPathItem.LAST_LEVEL && !container)) {
                if (jsp != null) {
                    if (ignoreStructural) {
                        boolean saved = ignoreStructuralErrors;
                        ignoreStructuralErrors = true;
                        res = executeItemOptUnwrapTarget(jsp, v, found, unwrapNext);
                        ignoreStructuralErrors = saved;
                    } else {
                        res = executeItemOptUnwrapTarget(jsp, v, found, unwrapNext);
                    }
                    if (res == Result.ERROR) break;
                    if (res == Result.OK && found == null) break;
                } else if (found != null) {
                    found.add(v);
                } else {
                    return Result.OK;
                }
            }
            if (level < last && container) {
                res = executeAnyItem(jsp, v, found, level + 1, first, last, ignoreStructural, unwrapNext);
                if (res == Result.ERROR) break;
                if (res == Result.OK && found == null) break;
            }
        }
        return res;
    }

    /** The jpiIndexArray case: subscripts and ranges, LAST bound to this array's size. */
    private Result executeIndexArray(JsonPathItem jsp, Object jb, List<Object> found) {
        Result res = Result.NOT_FOUND;
        if (!isArray(jb) && !laxMode) {
            if (!ignoreStructuralErrors)
                return error(SqlJsonState.SQL_JSON_ARRAY_NOT_FOUND, "jsonpath array accessor can only be applied to an array");
            return res;
        }
        int savedSize = innermostArraySize;
        int size = arraySize(jb);
        boolean singleton = size < 0;
        if (singleton) size = 1;
        innermostArraySize = size;
        try {
            for (JsonPathItem[] sub : jsp.subscripts) {
                int[] from = new int[1], to = new int[1];
                res = getArrayIndex(sub[0], jb, from);
                if (res == Result.ERROR) break;
                if (sub[1] != null) {
                    res = getArrayIndex(sub[1], jb, to);
                    if (res == Result.ERROR) break;
                } else {
                    to[0] = from[0];
                }
                int indexFrom = from[0], indexTo = to[0];
                if (!ignoreStructuralErrors && (indexFrom < 0 || indexFrom > indexTo || indexTo >= size)) {
                    res = error(SqlJsonState.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is out of bounds");
                    return res;
                }
                if (indexFrom < 0) indexFrom = 0;
                if (indexTo >= size) indexTo = size - 1;
                res = Result.NOT_FOUND;
                for (int index = indexFrom; index <= indexTo; index++) {
                    Object v = singleton ? jb : ((List<?>) jb).get(index);
                    if (jsp.next == null && found == null) return Result.OK;
                    res = executeNextItem(jsp, jsp.next, v, found);
                    if (res == Result.ERROR) break;
                    if (res == Result.OK && found == null) break;
                }
                if (res == Result.ERROR) break;
                if (res == Result.OK && found == null) break;
            }
        } finally {
            innermostArraySize = savedSize;
        }
        return res;
    }

    /** getArrayIndex: a subscript must be one number; it is truncated to an integer. */
    private Result getArrayIndex(JsonPathItem jsp, Object jb, int[] index) {
        List<Object> found = new ArrayList<>();
        Result res = executeItem(jsp, jb, found);
        if (res == Result.ERROR) return res;
        BigDecimal n = found.size() == 1 ? numeric(found.get(0)) : null;
        if (n == null)
            return error(SqlJsonState.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is not a single numeric value");
        if (n instanceof NumericSpecial)
            return error(SqlJsonState.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is out of integer range");
        BigDecimal t = n.setScale(0, RoundingMode.DOWN);
        if (t.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || t.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0)
            return error(SqlJsonState.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is out of integer range");
        index[0] = t.intValueExact();
        return Result.OK;
    }

    /** getJsonPathItem: the value of a literal or variable. */
    private Object getJsonPathItem(JsonPathItem jsp) {
        return switch (jsp.type) {
            case NULL -> Jsonb.NULL;
            case BOOL -> jsp.bool;
            case NUMERIC -> jsp.num;
            case STRING -> jsp.str;
            case VARIABLE -> getJsonPathVariable(jsp.str);
            default -> throw new IllegalStateException("unexpected jsonpath item type");
        };
    }

    /** getJsonPathVariable: the variable's value; it becomes the base object (id 1) of what follows. */
    private Object getJsonPathVariable(String name) {
        Object v = vars == null ? null : vars.get(name);
        if (v == null)
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "could not find jsonpath variable \"" + name + "\"");
        baseObject = varsRoot;
        baseId = 1;
        return v;
    }

    // ------------------------------------------------------------------ predicates

    /** appendBoolResult: a predicate used as a value yields true, false or null (unknown). */
    private Result appendBoolResult(JsonPathItem jsp, List<Object> found, Bool res) {
        if (jsp.next == null && found == null) return Result.OK; // found singleton boolean value
        Object v = res == Bool.UNKNOWN ? Jsonb.NULL : (Object) (res == Bool.TRUE);
        return executeNextItem(jsp, jsp.next, v, found);
    }

    /** executeBoolItem. */
    private Bool executeBoolItem(JsonPathItem jsp, Object jb, boolean canHaveNext) {
        if (!canHaveNext && jsp.next != null) throw new IllegalStateException("boolean jsonpath item cannot have next item");
        switch (jsp.type) {
            case AND -> {
                Bool res = executeBoolItem(jsp.left, jb, false);
                if (res == Bool.FALSE) return Bool.FALSE;
                // SQL/JSON says that we should check the second argument in case of an error
                Bool res2 = executeBoolItem(jsp.right, jb, false);
                return res2 == Bool.TRUE ? res : res2;
            }
            case OR -> {
                Bool res = executeBoolItem(jsp.left, jb, false);
                if (res == Bool.TRUE) return Bool.TRUE;
                Bool res2 = executeBoolItem(jsp.right, jb, false);
                return res2 == Bool.FALSE ? res : res2;
            }
            case NOT -> {
                Bool res = executeBoolItem(jsp.arg, jb, false);
                if (res == Bool.UNKNOWN) return Bool.UNKNOWN;
                return res == Bool.TRUE ? Bool.FALSE : Bool.TRUE;
            }
            case IS_UNKNOWN -> {
                return executeBoolItem(jsp.arg, jb, false) == Bool.UNKNOWN ? Bool.TRUE : Bool.FALSE;
            }
            case EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL -> {
                return executePredicate(jsp, jsp.left, jsp.right, jb, true, (l, r) -> compareItems(jsp.type, l, r));
            }
            case STARTS_WITH -> {
                return executePredicate(jsp, jsp.left, jsp.right, jb, false, JsonPathExecutor::executeStartsWith);
            }
            case LIKE_REGEX -> {
                return executePredicate(jsp, jsp.arg, null, jb, false, (s, unused) -> {
                    if (!(s instanceof String str)) return Bool.UNKNOWN;
                    return jsp.regex.matcher(str).find() ? Bool.TRUE : Bool.FALSE;
                });
            }
            case EXISTS -> {
                if (!laxMode) {
                    // strict mode must evaluate everything to know that no error occurs anywhere
                    List<Object> vals = new ArrayList<>();
                    Result res = executeItemOptUnwrapResultNoThrow(jsp.arg, jb, false, vals);
                    if (res == Result.ERROR) return Bool.UNKNOWN;
                    return vals.isEmpty() ? Bool.FALSE : Bool.TRUE;
                }
                Result res = executeItemOptUnwrapResultNoThrow(jsp.arg, jb, false, null);
                if (res == Result.ERROR) return Bool.UNKNOWN;
                return res == Result.OK ? Bool.TRUE : Bool.FALSE;
            }
            default -> throw new IllegalStateException("invalid boolean jsonpath item type: " + jsp.type);
        }
    }

    /** executeNestedBoolItem: a filter's predicate, with @ bound to {@code jb}. */
    private Bool executeNestedBoolItem(JsonPathItem jsp, Object jb) {
        Object prev = current;
        current = jb;
        try {
            return executeBoolItem(jsp, jb, false);
        } finally {
            current = prev;
        }
    }

    @FunctionalInterface
    private interface PredicateCallback { Bool apply(Object left, Object right); }

    /**
     * executePredicate: the predicate holds if it holds for some pair of left and right items; an
     * error makes it unknown (at once in strict mode, unless a true pair is found in lax mode).
     */
    private Bool executePredicate(JsonPathItem pred, JsonPathItem larg, JsonPathItem rarg, Object jb, boolean unwrapRightArg,
                                  PredicateCallback exec) {
        List<Object> lseq = new ArrayList<>(), rseq = new ArrayList<>();
        // the left argument is always auto-unwrapped
        if (executeItemOptUnwrapResultNoThrow(larg, jb, true, lseq) == Result.ERROR) return Bool.UNKNOWN;
        if (rarg != null && executeItemOptUnwrapResultNoThrow(rarg, jb, unwrapRightArg, rseq) == Result.ERROR)
            return Bool.UNKNOWN;
        boolean error = false, found = false;
        for (Object lval : lseq) {
            List<Object> rights = rarg != null ? rseq : Collections.singletonList(null);
            for (Object rval : rights) {
                Bool res = exec.apply(lval, rval);
                if (res == Bool.UNKNOWN) {
                    if (!laxMode) return Bool.UNKNOWN;
                    error = true;
                } else if (res == Bool.TRUE) {
                    if (laxMode) return Bool.TRUE;
                    found = true;
                }
            }
        }
        if (found) return Bool.TRUE; // possible only in strict mode
        if (error) return Bool.UNKNOWN; // possible only in lax mode
        return Bool.FALSE;
    }

    /** executeItemOptUnwrapResult: in lax mode, arrays in the result are replaced by their elements. */
    private Result executeItemOptUnwrapResult(JsonPathItem jsp, Object jb, boolean unwrap, List<Object> found) {
        if (unwrap && laxMode) {
            List<Object> seq = new ArrayList<>();
            Result res = executeItem(jsp, jb, seq);
            if (res == Result.ERROR) return res;
            for (Object item : seq) {
                if (item instanceof List<?> l) found.addAll(l);
                else found.add(item);
            }
            return Result.OK;
        }
        return executeItem(jsp, jb, found);
    }

    private Result executeItemOptUnwrapResultNoThrow(JsonPathItem jsp, Object jb, boolean unwrap, List<Object> found) {
        boolean saved = throwErrors;
        throwErrors = false;
        try {
            if (found == null) return executeItem(jsp, jb, null);
            return executeItemOptUnwrapResult(jsp, jb, unwrap, found);
        } finally {
            throwErrors = saved;
        }
    }

    /** executeStartsWith. */
    private static Bool executeStartsWith(Object whole, Object initial) {
        if (!(whole instanceof String w) || !(initial instanceof String i)) return Bool.UNKNOWN;
        return w.startsWith(i) ? Bool.TRUE : Bool.FALSE;
    }

    /** compareItems: scalars of one kind compare; null equals only null; anything else is unknown. */
    private Bool compareItems(Type op, Object a, Object b) {
        int cmp;
        boolean aNull = a == Jsonb.NULL, bNull = b == Jsonb.NULL;
        if (kind(a) != kind(b)) {
            // equality and order comparison of nulls to non-nulls is false, inequality true
            if (aNull || bNull) return op == Type.NOT_EQUAL ? Bool.TRUE : Bool.FALSE;
            return Bool.UNKNOWN; // non-null items of different types are not comparable
        }
        switch (a) {
            case Jsonb.Null n -> cmp = 0;
            case Boolean x -> cmp = x.equals(b) ? 0 : x ? 1 : -1;
            case BigDecimal x -> cmp = Numerics.cmp(x, (BigDecimal) b);
            case String x -> {
                if (op == Type.EQUAL) return x.equals(b) ? Bool.TRUE : Bool.FALSE;
                cmp = compareStrings(x, (String) b);
            }
            default -> { return Bool.UNKNOWN; } // non-scalars are not comparable
        }
        boolean r = switch (op) {
            case EQUAL -> cmp == 0;
            case NOT_EQUAL -> cmp != 0;
            case LESS -> cmp < 0;
            case GREATER -> cmp > 0;
            case LESS_OR_EQUAL -> cmp <= 0;
            case GREATER_OR_EQUAL -> cmp >= 0;
            default -> throw new IllegalStateException("unrecognized jsonpath operation: " + op);
        };
        return r ? Bool.TRUE : Bool.FALSE;
    }

    /** The jbvType of an item, for comparing kinds (arrays and objects are one kind: binary containers). */
    private static int kind(Object v) {
        return switch (v) {
            case Jsonb.Null n -> 0;
            case String s -> 1;
            case BigDecimal d -> 2;
            case Boolean b -> 3;
            default -> 5;
        };
    }

    /** compareStrings: code point order, which is UTF-8 byte order (the server encoding). */
    private static int compareStrings(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ arithmetic

    /** executeBinaryArithmExpr: both operands must be single numbers (lax mode unwraps arrays). */
    private Result executeBinaryArithmExpr(JsonPathItem jsp, Object jb, List<Object> found) {
        List<Object> lseq = new ArrayList<>(), rseq = new ArrayList<>();
        Result r = executeItemOptUnwrapResult(jsp.left, jb, true, lseq);
        if (r == Result.ERROR) return r;
        r = executeItemOptUnwrapResult(jsp.right, jb, true, rseq);
        if (r == Result.ERROR) return r;
        BigDecimal lval = lseq.size() == 1 ? numeric(lseq.get(0)) : null;
        if (lval == null)
            return error(SqlJsonState.SINGLETON_SQL_JSON_ITEM_REQUIRED,
                    "left operand of jsonpath operator " + methodName(jsp) + " is not a single numeric value");
        BigDecimal rval = rseq.size() == 1 ? numeric(rseq.get(0)) : null;
        if (rval == null)
            return error(SqlJsonState.SINGLETON_SQL_JSON_ITEM_REQUIRED,
                    "right operand of jsonpath operator " + methodName(jsp) + " is not a single numeric value");
        BigDecimal res;
        try {
            res = switch (jsp.type) {
                case ADD -> Numerics.add(lval, rval);
                case SUB -> Numerics.sub(lval, rval);
                case MUL -> Numerics.mul(lval, rval);
                case DIV -> Numerics.div(lval, rval);
                default -> Numerics.mod(lval, rval);
            };
        } catch (PgException e) {
            if (throwErrors) throw e;
            return Result.ERROR;
        }
        if (jsp.next == null && found == null) return Result.OK;
        return executeNextItem(jsp, jsp.next, res, found);
    }

    /** executeUnaryArithmExpr: applies + or - to each number of the operand's sequence. */
    private Result executeUnaryArithmExpr(JsonPathItem jsp, Object jb, List<Object> found) {
        List<Object> seq = new ArrayList<>();
        Result r = executeItemOptUnwrapResult(jsp.arg, jb, true, seq);
        if (r == Result.ERROR) return r;
        Result res = Result.NOT_FOUND;
        boolean hasNext = jsp.next != null;
        for (Object val : seq) {
            BigDecimal n = numeric(val);
            if (n != null) {
                if (found == null && !hasNext) return Result.OK;
            } else {
                if (found == null && !hasNext) continue; // skip non-numerics processing
                return error(SqlJsonState.SQL_JSON_NUMBER_NOT_FOUND,
                        "operand of unary jsonpath operator " + methodName(jsp) + " is not a numeric value");
            }
            if (jsp.type == Type.MINUS) n = Numerics.norm(n.negate());
            Result r2 = executeNextItem(jsp, jsp.next, n, found);
            if (r2 == Result.ERROR) return r2;
            if (r2 == Result.OK) {
                if (found == null) return Result.OK;
                res = Result.OK;
            }
        }
        return res;
    }

    /** executeNumericItemMethod: .abs(), .floor(), .ceiling(). */
    private Result executeNumericItemMethod(JsonPathItem jsp, Object jb, boolean unwrap, List<Object> found) {
        if (unwrap && isArray(jb)) return executeItemUnwrapTargetArray(jsp, jb, found, false);
        BigDecimal n = numeric(jb);
        if (n == null)
            return error(SqlJsonState.NON_NUMERIC_SQL_JSON_ITEM,
                    "jsonpath item method ." + methodName(jsp) + "() can only be applied to a numeric value");
        BigDecimal v = switch (jsp.type) {
            case ABS -> n.abs(); // jsonb numbers are finite: NaN and infinities cannot reach here
            case FLOOR -> Numerics.floor(n);
            default -> Numerics.ceil(n);
        };
        if (jsp.next == null && found == null) return Result.OK;
        return executeNextItem(jsp, jsp.next, v, found);
    }

    /** The jpiDouble case: a number stays itself, a string is read as float8 and converted to numeric. */
    private Result executeDouble(JsonPathItem jsp, Object jb, boolean unwrap, List<Object> found) {
        if (unwrap && isArray(jb)) return executeItemUnwrapTargetArray(jsp, jb, found, false);
        if (jb instanceof BigDecimal n) {
            double d;
            try {
                d = n instanceof NumericSpecial ? Double.NaN : Floats.float8in(Numerics.numericOut(n));
            } catch (PgException e) {
                d = Double.NaN;
            }
            if (Double.isInfinite(d) || Double.isNaN(d))
                return error(SqlJsonState.NON_NUMERIC_SQL_JSON_ITEM, "numeric argument of jsonpath item method ."
                        + methodName(jsp) + "() is out of range for type double precision");
        } else if (jb instanceof String s) {
            double d;
            try {
                d = Floats.float8in(s);
            } catch (PgException e) {
                d = Double.NaN;
            }
            if (Double.isInfinite(d) || Double.isNaN(d))
                return error(SqlJsonState.NON_NUMERIC_SQL_JSON_ITEM, "string argument of jsonpath item method ."
                        + methodName(jsp) + "() is not a valid representation of a double precision number");
            jb = float8Numeric(d);
        } else {
            return error(SqlJsonState.NON_NUMERIC_SQL_JSON_ITEM,
                    "jsonpath item method ." + methodName(jsp) + "() can only be applied to a string or numeric value");
        }
        return executeNextItem(jsp, null, jb, found);
    }

    /** float8_numeric: the double printed with DBL_DIG significant digits, read as numeric. */
    private static BigDecimal float8Numeric(double d) {
        return Numerics.numericIn(String.format("%.15g", d).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1"));
    }

    // ------------------------------------------------------------------ .keyvalue()

    /**
     * executeKeyValueMethod: one {"key", "value", "id"} object per pair, where id identifies the
     * object: its byte offset inside its base jsonb value plus 10^10 times the base's id.
     */
    private Result executeKeyValueMethod(JsonPathItem jsp, Object jb, List<Object> found) {
        if (!(jb instanceof Map<?, ?> m))
            return error(SqlJsonState.SQL_JSON_OBJECT_NOT_FOUND,
                    "jsonpath item method ." + methodName(jsp) + "() can only be applied to an object");
        if (m.isEmpty()) return Result.NOT_FOUND; // no key-value pairs
        long id = JsonbLayout.offsetOf(baseObject, jb) + baseId * 10000000000L;
        BigDecimal idval = BigDecimal.valueOf(id);
        Result res = Result.NOT_FOUND;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            TreeMap<String, Object> obj = Jsonb.newObject();
            obj.put("key", e.getKey());
            obj.put("value", e.getValue());
            obj.put("id", idval);
            Map<String, Object> kv = Collections.unmodifiableMap(obj);
            Object savedBase = baseObject;
            long savedId = baseId;
            baseObject = kv;
            baseId = lastGeneratedObjectId++;
            res = executeNextItem(jsp, jsp.next, kv, found);
            baseObject = savedBase;
            baseId = savedId;
            if (res == Result.ERROR) return res;
            if (res == Result.OK && found == null) break;
        }
        return res;
    }

}
