package org.tusk.utils.ruleutils;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_AGGREGATE;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ObjectNames;
import org.tusk.catalog.TypeOids;
import org.tusk.parser.Analyzer;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.FormatType;

/**
 * pg_get_function_arguments, pg_get_function_identity_arguments (ruleutils.c,
 * print_function_arguments) and pg_get_function_sqlbody of a user function's pg_proc row.
 * Arguments print in declaration order as {@code [mode ]["name" ]type[ DEFAULT expr]}: mode IN
 * prints nothing, INOUT, OUT and VARIADIC print their keyword, TABLE columns are left out (they
 * are part of the result); defaults go with the last pronargdefaults input arguments and are
 * printed as ruleutils deparses them after coercion to the argument's type ('x'::text), only when
 * asked (pg_get_function_identity_arguments never prints them). An OID that no pg_proc row has,
 * which includes Tusk's built-in functions, gives NULL.
 */
public final class FunctionArguments {
    private FunctionArguments() {}

    private static Object[] proc(int procOid) {
        List<Object[]> rows = ObjectNames.current().rows(PG_PROC, v -> oid(PG_PROC.get(v, "oid")) == procOid);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** pg_get_function_arguments(oid). */
    public static String arguments(int procOid, String currentDatabase) {
        Object[] p = proc(procOid);
        return p == null ? null : print(p, true, currentDatabase);
    }

    /** pg_get_function_identity_arguments(oid). */
    public static String identityArguments(int procOid) {
        Object[] p = proc(procOid);
        return p == null ? null : print(p, false, null);
    }

    /**
     * pg_get_function_arg_default(oid, n): the default of the routine's {@code nthArg}-th argument
     * (1-based, counting every argument) deparsed as ruleutils deparses it; NULL when there is no
     * such routine or argument, when it is not an input argument, or when it has no default
     * (proargdefaults belongs to the last pronargdefaults input arguments).
     */
    public static String argDefault(int procOid, int nthArg, org.tusk.catalog.FunctionCallContext c) {
        String currentDatabase = c.session().currentDatabase();
        Object[] p = proc(procOid);
        if (p == null) return null;
        int[] inTypes = (int[]) PG_PROC.get(p, "proargtypes");
        int[] allTypes = (int[]) PG_PROC.get(p, "proallargtypes");
        int[] types = allTypes != null ? allTypes : inTypes;
        String modes = modes(PG_PROC.get(p, "proargmodes"));
        if (nthArg < 1 || nthArg > types.length || !isInput(modes, nthArg - 1)) return null;
        int nthInput = 0;
        for (int i = 0; i < nthArg; i++) if (isInput(modes, i)) nthInput++;
        String defaultsSql = (String) PG_PROC.get(p, "proargdefaults");
        int nDefaults = (Short) PG_PROC.get(p, "pronargdefaults");
        if (defaultsSql == null || nDefaults == 0) return null;
        List<String> defaults = splitTopLevel(defaultsSql);
        int nthDefault = nthInput - 1 - (inTypes.length - nDefaults);
        if (nthDefault < 0 || nthDefault >= defaults.size()) return null;
        String[] names = (String[]) PG_PROC.get(p, "proargnames");
        String name = names != null && nthArg - 1 < names.length && names[nthArg - 1] != null ? names[nthArg - 1] : "";
        String text = defaults.get(nthDefault);
        int type = types[nthArg - 1];
        int nsp = oid(PG_PROC.get(p, "pronamespace"));
        try {
            var e = ObjectNames.current().analyzeStored(nsp,
                    () -> Analyzer.analyzeColumnDefault(text, name, type, -1, org.tusk.utils.adt.InputSettings.DEFAULT, currentDatabase,
                            ObjectNames.current().scanSettings()));
            return Deparser.deparse(e);
        } catch (org.tusk.utils.error.PgException ex) {
            if (!org.tusk.utils.error.SqlState.UNDEFINED_FUNCTION.equals(ex.sqlState())) throw ex;
            // the default calls a user function, which only the caller's analysis of stored
            // queries can see: the expression as stored, analysed without the coercion to the
            // argument's type (an assignment coercion, which ruleutils would not print either)
            org.tusk.nodes.Query q = ObjectNames.current().analyzeStored(nsp, () -> c.analyzeStoredQuery("SELECT " + text));
            return Deparser.deparse(q.targetList().get(0).expr());
        }
    }

    /** is_input_argument: IN, INOUT and VARIADIC arguments (all of them when proargmodes is NULL). */
    private static boolean isInput(String modes, int i) {
        if (modes == null) return true;
        char m = modes.charAt(i);
        return m == 'i' || m == 'b' || m == 'v';
    }

    /** print_function_arguments with print_table_args false. */
    static String print(Object[] p, boolean printDefaults, String currentDatabase) {
        int[] inTypes = (int[]) PG_PROC.get(p, "proargtypes");
        int[] allTypes = (int[]) PG_PROC.get(p, "proallargtypes");
        String[] names = (String[]) PG_PROC.get(p, "proargnames");
        String modes = modes(PG_PROC.get(p, "proargmodes"));
        int[] types = allTypes != null ? allTypes : inTypes;
        int nDefaults = (Short) PG_PROC.get(p, "pronargdefaults");
        String defaultsSql = (String) PG_PROC.get(p, "proargdefaults");
        List<String> defaults = printDefaults && defaultsSql != null && nDefaults > 0 ? splitTopLevel(defaultsSql) : List.of();
        int nLackDefaults = inTypes.length - defaults.size();
        StringBuilder b = new StringBuilder();
        int printed = 0, inputNo = 0, nextDefault = 0;
        int orderByAt = orderedSetDirectArgs(p);
        for (int i = 0; i < types.length; i++) {
            char mode = modes == null ? 'i' : modes.charAt(i);
            String modeName = switch (mode) {
                case 'b' -> "INOUT ";
                case 'o' -> "OUT ";
                case 'v' -> "VARIADIC ";
                // a procedure's modes are all spelled out, so the list reads the same way DROP PROCEDURE takes it
                default -> "p".equals(PG_PROC.get(p, "prokind")) ? "IN " : "";
            };
            boolean isInput = mode == 'i' || mode == 'b' || mode == 'v';
            if (isInput) inputNo++;
            if (mode == 't') continue;
            if (printed == orderByAt) b.append(printed > 0 ? " ORDER BY " : "ORDER BY ");
            else if (printed > 0) b.append(", ");
            printed++;
            b.append(modeName);
            if (names != null && i < names.length && names[i] != null && !names[i].isEmpty())
                b.append(org.tusk.utils.adt.Texts.quoteIdentifier(names[i])).append(' ');
            b.append(FormatType.format(types[i], -1, false));
            if (isInput && inputNo > nLackDefaults && nextDefault < defaults.size()) {
                String name = names != null && i < names.length && names[i] != null ? names[i] : "";
                String text = defaults.get(nextDefault++);
                int type = types[i];
                var e = ObjectNames.current().analyzeStored(oid(PG_PROC.get(p, "pronamespace")),
                        () -> Analyzer.analyzeColumnDefault(text, name, type, -1, org.tusk.utils.adt.InputSettings.DEFAULT, currentDatabase,
                                ObjectNames.current().scanSettings()));
                b.append(" DEFAULT ").append(Deparser.deparse(e));
            }
            // a VARIADIC ordered-set aggregate's one argument is both the direct and the aggregated list
            if (printed == orderByAt && i == types.length - 1) i--;
        }
        return b.toString();
    }

    /** aggnumdirectargs of an ordered-set or hypothetical-set aggregate, where ORDER BY goes; -1 for anything else. */
    private static int orderedSetDirectArgs(Object[] p) {
        if (!"a".equals(String.valueOf(PG_PROC.get(p, "prokind")))) return -1;
        int procOid = oid(PG_PROC.get(p, "oid"));
        List<Object[]> rows = ObjectNames.current().rows(PG_AGGREGATE, v -> oid(PG_AGGREGATE.get(v, "aggfnoid")) == procOid);
        if (rows.isEmpty() || "n".equals(String.valueOf(PG_AGGREGATE.get(rows.get(0), "aggkind")))) return -1;
        return ((Number) PG_AGGREGATE.get(rows.get(0), "aggnumdirectargs")).intValue();
    }

    /** proargmodes as a string of mode letters, or null (every argument IN). */
    static String modes(Object modesValue) {
        if (modesValue == null) return null;
        StringBuilder sb = new StringBuilder();
        for (Object m : ArrayValue.of(modesValue, TypeOids.CHAR).elements())
            sb.append(m instanceof Number n ? (char) n.intValue() : String.valueOf(m).charAt(0));
        return sb.toString();
    }

    /**
     * The expressions of a SELECT target list kept as text ("1, 'a,b', f(x, y)"), split at the commas
     * outside parentheses, brackets, quoted literals and quoted identifiers.
     */
    static List<String> splitTopLevel(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i < list.length(); i++) {
            char ch = list.charAt(i);
            if (ch == '\'' || ch == '"') {
                // a quote doubled inside the literal stays inside it
                int j = i + 1;
                while (j < list.length()) {
                    if (list.charAt(j) == ch) {
                        if (j + 1 < list.length() && list.charAt(j + 1) == ch) j += 2;
                        else break;
                    } else if (ch == '\'' && list.charAt(j) == '\\' && i > 0 && (list.charAt(i - 1) == 'E' || list.charAt(i - 1) == 'e')) {
                        j += 2;
                    } else j++;
                }
                i = j;
            } else if (ch == '(' || ch == '[') depth++;
            else if (ch == ')' || ch == ']') depth--;
            else if (ch == ',' && depth == 0) {
                out.add(list.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(list.substring(start).strip());
        return out;
    }

    /**
     * pg_get_function_sqlbody: the SQL-standard body (prosqlbody) as CREATE FUNCTION would take it,
     * "RETURN expr" or "BEGIN ATOMIC\n stmt;\n ...\nEND", deparsed from its statements analysed
     * again ({@link FunctionBodyDef}); NULL for a function without one.
     */
    public static String sqlBody(int procOid, org.tusk.catalog.FunctionCallContext c) {
        Object[] p = proc(procOid);
        if (p == null) return null;
        String body = (String) PG_PROC.get(p, "prosqlbody");
        if (body == null) return null;
        org.tusk.catalog.SqlFunction f = c.catalog() == null ? null : c.catalog().functions().byOid(procOid);
        if (f == null) return null;
        return FunctionBodyDef.print(f, body, c);
    }
}
