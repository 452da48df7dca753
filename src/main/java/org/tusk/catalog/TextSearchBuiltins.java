package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.tsearch.DefaultParser;
import org.tusk.tsearch.Dictionaries;
import org.tusk.tsearch.TextSearchConfigs;
import org.tusk.tsearch.ToTsAny;
import org.tusk.tsearch.TokenTypes;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.Jsonb;
import org.tusk.utils.adt.JsonbIO;
import org.tusk.utils.adt.tsearch.TsExecute;
import org.tusk.utils.adt.tsearch.TsQuery;
import org.tusk.utils.adt.tsearch.TsQueryIO;
import org.tusk.utils.adt.tsearch.TsQueryOps;
import org.tusk.utils.adt.tsearch.TsVector;
import org.tusk.utils.adt.tsearch.TsVectorIO;
import org.tusk.utils.adt.tsearch.TsVectorOps;
import org.tusk.utils.error.PgException;

/**
 * Full-text search built-ins (pg_type.dat, pg_proc.dat and pg_operator.dat rows of
 * tsvector, tsquery, regconfig and regdictionary): the types' I/O, @@ in all its argument
 * orders, tsvector and tsquery operators and comparisons, to_tsvector and the to_tsquery family
 * (with and without a configuration; without one, default_text_search_config decides), the
 * json/jsonb variants, and the functions of tsvector_op.c, tsquery_op.c and wparser.c.
 */
final class TextSearchBuiltins {
    private TextSearchBuiltins() {}

    static final int TSVECTOR = 3614, TSQUERY = 3615, REGCONFIG = 3734, REGDICTIONARY = 3769, CHAR_ARRAY = 1002;

    static void register(BuiltinRegistry r) {
        r.type(new PgType(TSVECTOR, "tsvector", "tsvector", -1, false, 'U', false, (s, z) -> TsVectorIO.in(s),
                (v, z) -> TsVectorIO.out((TsVector) v)));
        r.type(new PgType(TSQUERY, "tsquery", "tsquery", -1, false, 'U', false, (s, z) -> TsQueryIO.in(s),
                (v, z) -> TsQueryIO.out((TsQuery) v)));
        r.type(new PgType(REGCONFIG, "regconfig", "regconfig", 4, true, 'N', false, (s, z) -> regconfigIn(s),
                (v, z) -> TextSearchConfigs.name((int) ((Number) v).longValue())));
        r.type(new PgType(REGDICTIONARY, "regdictionary", "regdictionary", 4, true, 'N', false, (s, z) -> regdictionaryIn(s),
                (v, z) -> ((Number) v).longValue() == Dictionaries.SIMPLE ? "simple" : ((Number) v).longValue() == Dictionaries.ENGLISH_STEM
                        ? "english_stem" : String.valueOf(v)));
        for (int reg : new int[] {REGCONFIG, REGDICTIONARY}) {
            r.cast(OID, reg, 'i', null);
            r.cast(reg, OID, 'i', null);
            r.ioCast(reg, TEXT, 'a');
        }
        // _tsvector 3643, _tsquery 3645, _regconfig 3735, _regdictionary 3770 (array_in/array_out)
        for (int elem : new int[] {TSVECTOR, TSQUERY, REGCONFIG, REGDICTIONARY}) {
            String name = switch (elem) {
                case TSVECTOR -> "tsvector";
                case TSQUERY -> "tsquery";
                case REGCONFIG -> "regconfig";
                default -> "regdictionary";
            };
            r.type(new PgType(ArrayTypes.arrayOf(elem), "_" + name, name + "[]", -1, false, 'A', false,
                    (s, z) -> org.tusk.utils.adt.ArrayIO.in(s, elem, x -> BuiltinCatalog.type(elem).input().in(x, z)),
                    (v, os) -> ArrayBuiltins.out(v, elem, os)));
        }
        vectorFunctions(r);
        queryFunctions(r);
        parserFunctions(r);
        visibilityFunctions(r);
        TextSearchRankBuiltins.register(r);
        for (String t : new String[] {"tsvector_update_trigger", "tsvector_update_trigger_column"}) {
            r.fn(t, List.of(), TRIGGER, Volatility.VOLATILE, false, (c, a) -> {
                throw PgException.error("XX000", t + ": not fired by trigger manager");
            });
        }
    }

    /**
     * pg_ts_parser_is_visible and its siblings (namespace.c TSParserIsVisible ...): every built-in
     * text search object lives in pg_catalog, which is always searched and holds no other object of
     * the same name, so an existing one is visible; a missing OID yields NULL, as in PostgreSQL.
     */
    private static void visibilityFunctions(BuiltinRegistry r) {
        r.fn("pg_ts_parser_is_visible", List.of(OID), BOOL, Volatility.STABLE, true,
                (c, a) -> cfg(a[0]) == TextSearchConfigs.DEFAULT_PARSER ? Boolean.TRUE : null);
        r.fn("pg_ts_template_is_visible", List.of(OID), BOOL, Volatility.STABLE, true,
                (c, a) -> cfg(a[0]) == TextSearchCatalogs.TEMPLATE_SIMPLE || cfg(a[0]) == TextSearchCatalogs.TEMPLATE_SNOWBALL
                        ? Boolean.TRUE : null);
        r.fn("pg_ts_dict_is_visible", List.of(OID), BOOL, Volatility.STABLE, true,
                (c, a) -> cfg(a[0]) == Dictionaries.SIMPLE || cfg(a[0]) == Dictionaries.ENGLISH_STEM ? Boolean.TRUE : null);
        r.fn("pg_ts_config_is_visible", List.of(OID), BOOL, Volatility.STABLE, true,
                (c, a) -> cfg(a[0]) == TextSearchConfigs.SIMPLE || cfg(a[0]) == TextSearchConfigs.ENGLISH ? Boolean.TRUE : null);
    }

    static Long regconfigIn(String s) {
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) return Long.parseLong(s);
        int oid = TextSearchConfigs.byName(s);
        if (oid < 0) throw PgException.error("42704", "text search configuration \"" + s + "\" does not exist");
        return (long) oid;
    }

    static Long regdictionaryIn(String s) {
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) return Long.parseLong(s);
        int oid = Dictionaries.byName(s);
        if (oid < 0) throw PgException.error("42704", "text search dictionary \"" + s + "\" does not exist");
        return (long) oid;
    }

    /** getTSCurrentConfig: the configuration default_text_search_config names. */
    static int currentConfig(FunctionCallContext c) {
        String name = c.session().showSetting("default_text_search_config");
        int oid = TextSearchConfigs.byName(name);
        if (oid < 0) throw PgException.error("42704", "text search configuration \"" + name + "\" does not exist");
        return oid;
    }

    private static int cfg(Object o) { return (int) ((Number) o).longValue(); }
    private static TsVector v(Object o) { return (TsVector) o; }
    private static TsQuery q(Object o) { return (TsQuery) o; }

    private static List<Object> list(Object arr, int elemType) {
        return ArrayValue.of(arr, elemType).elementList();
    }

    private static void vectorFunctions(BuiltinRegistry r) {
        for (String[] op : new String[][] {{"=", "0"}, {"<>", "1"}, {"<", "2"}, {"<=", "3"}, {">", "4"}, {">=", "5"}}) {
            int k = Integer.parseInt(op[1]);
            r.op(op[0], TSVECTOR, TSVECTOR, BOOL, (c, a) -> cmp(k, TsVectorOps.compare(v(a[0]), v(a[1]))));
            r.op(op[0], TSQUERY, TSQUERY, BOOL, (c, a) -> cmp(k, TsQueryOps.compare(q(a[0]), q(a[1]))));
        }
        r.fn("tsvector_cmp", List.of(TSVECTOR, TSVECTOR), INT4, (c, a) -> TsVectorOps.compare(v(a[0]), v(a[1])));
        r.fn("tsquery_cmp", List.of(TSQUERY, TSQUERY), INT4, (c, a) -> TsQueryOps.compare(q(a[0]), q(a[1])));
        r.op("||", TSVECTOR, TSVECTOR, TSVECTOR, (c, a) -> TsVectorOps.concat(v(a[0]), v(a[1])));
        r.fn("tsvector_concat", List.of(TSVECTOR, TSVECTOR), TSVECTOR, (c, a) -> TsVectorOps.concat(v(a[0]), v(a[1])));
        r.fn("length", List.of(TSVECTOR), INT4, (c, a) -> TsVectorOps.length(v(a[0])));
        r.fn("strip", List.of(TSVECTOR), TSVECTOR, (c, a) -> TsVectorOps.strip(v(a[0])));
        r.fn("setweight", List.of(TSVECTOR, CHAR), TSVECTOR, (c, a) -> TsVectorOps.setweight(v(a[0]), (String) a[1], null));
        r.fn("setweight", List.of(TSVECTOR, CHAR, TEXT_ARRAY), TSVECTOR, (c, a) -> {
            Set<String> only = new HashSet<>();
            // tsvector_setweight_by_filter skips NULL elements
            for (Object o : list(a[2], TEXT)) if (o != null) only.add((String) o);
            return TsVectorOps.setweight(v(a[0]), (String) a[1], only);
        });
        r.fn("ts_delete", List.of(TSVECTOR, TEXT), TSVECTOR, (c, a) -> TsVectorOps.delete(v(a[0]), Set.of((String) a[1])));
        r.fn("ts_delete", List.of(TSVECTOR, TEXT_ARRAY), TSVECTOR, (c, a) -> {
            Set<String> words = new HashSet<>();
            // tsvector_delete_arr skips NULL elements
            for (Object o : list(a[1], TEXT)) if (o != null) words.add((String) o);
            return TsVectorOps.delete(v(a[0]), words);
        });
        r.fn("ts_filter", List.of(TSVECTOR, CHAR_ARRAY), TSVECTOR, (c, a) -> {
            List<String> ws = new ArrayList<>();
            for (Object o : list(a[1], CHAR)) ws.add((String) o);
            return TsVectorOps.filter(v(a[0]), ws);
        });
        r.fn("tsvector_to_array", List.of(TSVECTOR), TEXT_ARRAY,
                (c, a) -> ArrayValue.of1d(TEXT, TsVectorOps.toArray(v(a[0]))));
        r.fn("array_to_tsvector", List.of(TEXT_ARRAY), TSVECTOR, (c, a) -> TsVectorOps.fromArray(list(a[0], TEXT)));
        r.fn("unnest", List.of(TSVECTOR), RECORD, Volatility.IMMUTABLE, true, SetReturningFunction.withColumns(
                List.of(new ColumnDef("lexeme", TEXT), new ColumnDef("positions", 1005), new ColumnDef("weights", TEXT_ARRAY)),
                (c, a) -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (TsVector.Lexeme l : v(a[0]).lexemes()) {
                        if (!l.hasPositions()) {
                            rows.add(new Object[] {l.word(), null, null});
                            continue;
                        }
                        List<Object> pos = new ArrayList<>(), w = new ArrayList<>();
                        for (short p : l.positions()) {
                            pos.add((short) TsVector.pos(p));
                            w.add(TsVectorOps.weightLetter(TsVector.weight(p)));
                        }
                        rows.add(new Object[] {l.word(), ArrayValue.of1d(INT2, pos), ArrayValue.of1d(TEXT, w)});
                    }
                    return rows.iterator();
                }));
        r.fn("to_tsvector", List.of(REGCONFIG, TEXT), TSVECTOR, (c, a) -> ToTsAny.toTsvector(cfg(a[0]), (String) a[1]));
        r.fn("to_tsvector", List.of(TEXT), TSVECTOR, Volatility.STABLE, true,
                (c, a) -> ToTsAny.toTsvector(currentConfig(c), (String) a[0]));
        for (int t : new int[] {JSON, JSONB}) {
            String p = t == JSON ? "json" : "jsonb";
            r.fn("to_tsvector", List.of(REGCONFIG, t), TSVECTOR,
                    (c, a) -> ToTsAny.jsonToTsvector(cfg(a[0]), tree(a[1]), ToTsAny.JT_STRING));
            r.fn("to_tsvector", List.of(t), TSVECTOR, Volatility.STABLE, true,
                    (c, a) -> ToTsAny.jsonToTsvector(currentConfig(c), tree(a[0]), ToTsAny.JT_STRING));
            r.fn(p + "_to_tsvector", List.of(REGCONFIG, t, JSONB), TSVECTOR,
                    (c, a) -> ToTsAny.jsonToTsvector(cfg(a[0]), tree(a[1]), ToTsAny.jsonFlags(((Jsonb) a[2]).root())));
            r.fn(p + "_to_tsvector", List.of(t, JSONB), TSVECTOR, Volatility.STABLE, true,
                    (c, a) -> ToTsAny.jsonToTsvector(currentConfig(c), tree(a[0]), ToTsAny.jsonFlags(((Jsonb) a[1]).root())));
        }
        r.fn("get_current_ts_config", List.of(), REGCONFIG, Volatility.STABLE, true, (c, a) -> (long) currentConfig(c));
    }

    private static Object tree(Object json) {
        return json instanceof Jsonb j ? j.root() : JsonbIO.parseTree((String) json);
    }

    private static boolean cmp(int k, int c) {
        return switch (k) {
            case 0 -> c == 0;
            case 1 -> c != 0;
            case 2 -> c < 0;
            case 3 -> c <= 0;
            case 4 -> c > 0;
            default -> c >= 0;
        };
    }

    private static void queryFunctions(BuiltinRegistry r) {
        r.op("@@", TSVECTOR, TSQUERY, BOOL, (c, a) -> TsExecute.match(v(a[0]), q(a[1])));
        r.op("@@", TSQUERY, TSVECTOR, BOOL, (c, a) -> TsExecute.match(v(a[1]), q(a[0])));
        r.op("@@@", TSVECTOR, TSQUERY, BOOL, (c, a) -> TsExecute.match(v(a[0]), q(a[1])));
        r.op("@@@", TSQUERY, TSVECTOR, BOOL, (c, a) -> TsExecute.match(v(a[1]), q(a[0])));
        r.fn("ts_match_vq", List.of(TSVECTOR, TSQUERY), BOOL, (c, a) -> TsExecute.match(v(a[0]), q(a[1])));
        r.fn("ts_match_qv", List.of(TSQUERY, TSVECTOR), BOOL, (c, a) -> TsExecute.match(v(a[1]), q(a[0])));
        PgProc.Volatility st = Volatility.STABLE;
        r.fn("ts_match_tq", List.of(TEXT, TSQUERY), BOOL, st, true,
                (c, a) -> TsExecute.match(ToTsAny.toTsvector(currentConfig(c), (String) a[0]), q(a[1])));
        r.fn("ts_match_tt", List.of(TEXT, TEXT), BOOL, st, true, (c, a) -> TsExecute.match(
                ToTsAny.toTsvector(currentConfig(c), (String) a[0]), ToTsAny.plaintoTsquery(currentConfig(c), (String) a[1])));
        r.ops.computeIfAbsent("@@", k -> new ArrayList<>()).add(new PgOperator("@@", TEXT, TSQUERY, BOOL, st,
                (c, a) -> TsExecute.match(ToTsAny.toTsvector(currentConfig(c), (String) a[0]), q(a[1]))));
        r.ops.computeIfAbsent("@@", k -> new ArrayList<>()).add(new PgOperator("@@", TEXT, TEXT, BOOL, st,
                (c, a) -> TsExecute.match(ToTsAny.toTsvector(currentConfig(c), (String) a[0]),
                        ToTsAny.plaintoTsquery(currentConfig(c), (String) a[1]))));
        r.op("&&", TSQUERY, TSQUERY, TSQUERY, (c, a) -> TsQueryOps.and(q(a[0]), q(a[1])));
        r.op("||", TSQUERY, TSQUERY, TSQUERY, (c, a) -> TsQueryOps.or(q(a[0]), q(a[1])));
        r.op("!!", 0, TSQUERY, TSQUERY, (c, a) -> TsQueryOps.not(q(a[0])));
        r.op("<->", TSQUERY, TSQUERY, TSQUERY, (c, a) -> TsQueryOps.phrase(q(a[0]), q(a[1]), 1));
        r.fn("tsquery_and", List.of(TSQUERY, TSQUERY), TSQUERY, (c, a) -> TsQueryOps.and(q(a[0]), q(a[1])));
        r.fn("tsquery_or", List.of(TSQUERY, TSQUERY), TSQUERY, (c, a) -> TsQueryOps.or(q(a[0]), q(a[1])));
        r.fn("tsquery_not", List.of(TSQUERY), TSQUERY, (c, a) -> TsQueryOps.not(q(a[0])));
        r.fn("tsquery_phrase", List.of(TSQUERY, TSQUERY), TSQUERY, (c, a) -> TsQueryOps.phrase(q(a[0]), q(a[1]), 1));
        r.fn("tsquery_phrase", List.of(TSQUERY, TSQUERY, INT4), TSQUERY,
                (c, a) -> TsQueryOps.phrase(q(a[0]), q(a[1]), (Integer) a[2]));
        r.fn("numnode", List.of(TSQUERY), INT4, (c, a) -> TsQueryOps.numnode(q(a[0])));
        r.fn("querytree", List.of(TSQUERY), TEXT, (c, a) -> TsQueryOps.querytree(q(a[0])));
        r.fn("to_tsquery", List.of(REGCONFIG, TEXT), TSQUERY, (c, a) -> ToTsAny.toTsquery(cfg(a[0]), (String) a[1]));
        r.fn("to_tsquery", List.of(TEXT), TSQUERY, st, true, (c, a) -> ToTsAny.toTsquery(currentConfig(c), (String) a[0]));
        r.fn("plainto_tsquery", List.of(REGCONFIG, TEXT), TSQUERY, (c, a) -> ToTsAny.plaintoTsquery(cfg(a[0]), (String) a[1]));
        r.fn("plainto_tsquery", List.of(TEXT), TSQUERY, st, true,
                (c, a) -> ToTsAny.plaintoTsquery(currentConfig(c), (String) a[0]));
        r.fn("phraseto_tsquery", List.of(REGCONFIG, TEXT), TSQUERY, (c, a) -> ToTsAny.phrasetoTsquery(cfg(a[0]), (String) a[1]));
        r.fn("phraseto_tsquery", List.of(TEXT), TSQUERY, st, true,
                (c, a) -> ToTsAny.phrasetoTsquery(currentConfig(c), (String) a[0]));
    }

    private static void parserFunctions(BuiltinRegistry r) {
        r.fn("ts_lexize", List.of(REGDICTIONARY, TEXT), TEXT_ARRAY, (c, a) -> {
            List<String> res = Dictionaries.lexize(cfg(a[0]), (String) a[1]);
            return res == null ? null : ArrayValue.of1d(TEXT, res);
        });
        SetReturningFunction tokenTypes = SetReturningFunction.withColumns(
                List.of(new ColumnDef("tokid", INT4), new ColumnDef("alias", TEXT), new ColumnDef("description", TEXT)),
                (c, a) -> {
                    checkParser(a[0]);
                    List<Object[]> rows = new ArrayList<>();
                    for (int i = 1; i <= TokenTypes.LASTNUM; i++) {
                        rows.add(new Object[] {i, TokenTypes.alias(i), TokenTypes.description(i)});
                    }
                    return rows.iterator();
                });
        r.fn("ts_token_type", List.of(TEXT), RECORD, Volatility.STABLE, true, tokenTypes);
        r.fn("ts_token_type", List.of(OID), RECORD, Volatility.STABLE, true, tokenTypes);
        SetReturningFunction parse = SetReturningFunction.withColumns(
                List.of(new ColumnDef("tokid", INT4), new ColumnDef("token", TEXT)),
                (c, a) -> {
                    checkParser(a[0]);
                    List<Object[]> rows = new ArrayList<>();
                    for (DefaultParser.Token t : DefaultParser.tokens((String) a[1])) rows.add(new Object[] {t.type(), t.text()});
                    return rows.iterator();
                });
        r.fn("ts_parse", List.of(TEXT, TEXT), RECORD, Volatility.STABLE, true, parse);
        r.fn("ts_parse", List.of(OID, TEXT), RECORD, Volatility.STABLE, true, parse);
        List<ColumnDef> debugCols = List.of(new ColumnDef("alias", TEXT), new ColumnDef("description", TEXT),
                new ColumnDef("token", TEXT), new ColumnDef("dictionaries", 3770), new ColumnDef("dictionary", REGDICTIONARY),
                new ColumnDef("lexemes", TEXT_ARRAY));
        r.fn("ts_debug", List.of(REGCONFIG, TEXT), RECORD, Volatility.STABLE, true,
                SetReturningFunction.withColumns(debugCols, (c, a) -> debug(cfg(a[0]), (String) a[1]).iterator()));
        r.fn("ts_debug", List.of(TEXT), RECORD, Volatility.STABLE, true,
                SetReturningFunction.withColumns(debugCols, (c, a) -> debug(currentConfig(c), (String) a[0]).iterator()));
    }

    /**
     * ts_debug (system_functions.sql): every token of the default parser with its type, the
     * dictionaries its configuration maps the type to, the first of them that recognised the
     * token and what that one returned.
     */
    private static List<Object[]> debug(int cfg, String text) {
        List<Object[]> rows = new ArrayList<>();
        for (DefaultParser.Token t : DefaultParser.tokens(text)) {
            List<Object> dicts = new ArrayList<>();
            Long dictionary = null;
            Object lexemes = null;
            for (int d : TextSearchConfigs.dictionaries(cfg, t.type())) {
                dicts.add((long) d);
                List<String> lx = Dictionaries.lexize(d, t.text());
                if (lx != null && dictionary == null) {
                    dictionary = (long) d;
                    lexemes = ArrayValue.of1d(TEXT, lx);
                }
            }
            rows.add(new Object[] {TokenTypes.alias(t.type()), TokenTypes.description(t.type()), t.text(),
                    ArrayValue.of1d(REGDICTIONARY, dicts), dictionary, lexemes});
        }
        return rows;
    }

    /** The only parser is "default" (OID 3722). */
    private static void checkParser(Object p) {
        if (p instanceof String s) {
            String n = s.toLowerCase(java.util.Locale.ROOT);
            if (n.equals("default") || n.equals("pg_catalog.default")) return;
            throw PgException.error("42704", "text search parser \"" + s + "\" does not exist");
        }
        if (((Number) p).longValue() != TextSearchConfigs.DEFAULT_PARSER) {
            throw PgException.error("XX000", "cache lookup failed for text search parser " + p);
        }
    }
}
