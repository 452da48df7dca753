package org.tusk.tsearch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.utils.adt.Jsonb;
import org.tusk.utils.adt.Numerics;
import org.tusk.utils.adt.tsearch.TsQuery;
import org.tusk.utils.adt.tsearch.TsQueryIO;
import org.tusk.utils.adt.tsearch.TsQueryOps;
import org.tusk.utils.adt.tsearch.TsVector;
import org.tusk.utils.error.PgException;

/**
 * to_tsany.c: to_tsvector (make_tsvector over parsetext's words), to_tsquery, plainto_tsquery
 * and phraseto_tsquery (parse_tsquery with pushval_morph: each operand's text parsed into
 * lexemes; lexemes at consecutive positions joined by the query's operator, PHRASE for to_tsquery
 * and phraseto_tsquery, AND for plainto_tsquery; removed stop words leave placeholders that
 * cleanup_tsquery_stopwords turns into larger phrase distances), and the json/jsonb variants
 * (jsonb_to_tsvector_worker: the selected string, number, boolean or key values, with a gap of
 * one position after each value that produced words).
 */
public final class ToTsAny {
    private ToTsAny() {}

    /** to_tsvector(cfg, text). */
    public static TsVector toTsvector(int cfg, String text) {
        ParsedText prs = new ParsedText();
        prs.parse(cfg, text);
        return makeTsvector(prs);
    }

    /** make_tsvector. */
    static TsVector makeTsvector(ParsedText prs) {
        List<TsVector.Lexeme> out = new ArrayList<>();
        for (ParsedText.Word w : prs.words()) out.add(new TsVector.Lexeme(w.word(), new short[] {TsVector.wep(0, w.pos())}));
        return TsVector.normalize(out);
    }

    /** to_tsquery(cfg, text). */
    public static TsQuery toTsquery(int cfg, String text) {
        TsQuery q = TsQueryIO.parse(text, morph(cfg, TsQuery.OP_PHRASE));
        return TsQueryOps.cleanupStopwords(q);
    }

    /** plainto_tsquery(cfg, text): the whole text as one operand, lexemes ANDed. */
    public static TsQuery plaintoTsquery(int cfg, String text) {
        return TsQueryOps.cleanupStopwords(new TsQuery(morph(cfg, TsQuery.OP_AND).push(text, 0, false)));
    }

    /** phraseto_tsquery(cfg, text). */
    public static TsQuery phrasetoTsquery(int cfg, String text) {
        return TsQueryOps.cleanupStopwords(new TsQuery(morph(cfg, TsQuery.OP_PHRASE).push(text, 0, false)));
    }

    /** pushval_morph. */
    static TsQueryIO.PushVal morph(int cfg, int oper) {
        return (text, weight, prefix) -> {
            ParsedText prs = new ParsedText();
            prs.parse(cfg, text);
            List<ParsedText.Word> words = prs.words();
            TsQuery.Node result = null;
            int pos = 0;
            int count = 0;
            while (count < words.size()) {
                if (pos > 0 && pos + 1 < words.get(count).pos()) {
                    while (pos + 1 < words.get(count).pos()) {
                        result = result == null ? new TsQuery.Stop() : new TsQuery.Operator(oper, 1, result, new TsQuery.Stop());
                        pos++;
                    }
                }
                pos = words.get(count).pos();
                TsQuery.Node atPos = null;
                while (count < words.size() && words.get(count).pos() == pos) {
                    TsQuery.Node n = new TsQuery.Operand(words.get(count).word(), weight, prefix);
                    atPos = atPos == null ? n : new TsQuery.Operator(TsQuery.OP_OR, 0, atPos, n);
                    count++;
                }
                result = result == null ? atPos : new TsQuery.Operator(oper, 1, result, atPos);
            }
            return result == null ? new TsQuery.Stop() : result;
        };
    }

    /** Which json values jsonb_to_tsvector indexes (parse_jsonb_index_flags). */
    public static final int JT_STRING = 1, JT_NUMERIC = 2, JT_BOOL = 4, JT_KEY = 8, JT_ALL = 15;

    /** parse_jsonb_index_flags: a flag string or an array of them (as a parsed json tree). */
    public static int jsonFlags(Object tree) {
        List<Object> items = new ArrayList<>();
        if (tree instanceof List<?> l) items.addAll(l);
        else if (tree instanceof String) items.add(tree);
        else if (tree instanceof Map<?, ?>) {
            throw PgException.error("22023", "wrong flag type, only arrays and scalars are allowed");
        } else {
            throw PgException.error("22023", "flag array element is not a string")
                    .withHint("Possible values are: \"string\", \"numeric\", \"boolean\", \"key\", and \"all\".");
        }
        int flags = 0;
        for (Object o : items) {
            if (!(o instanceof String s)) {
                throw PgException.error("22023", "flag array element is not a string")
                        .withHint("Possible values are: \"string\", \"numeric\", \"boolean\", \"key\", and \"all\".");
            }
            switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "string" -> flags |= JT_STRING;
                case "numeric" -> flags |= JT_NUMERIC;
                case "boolean" -> flags |= JT_BOOL;
                case "key" -> flags |= JT_KEY;
                case "all" -> flags |= JT_ALL;
                default -> throw PgException.error("22023", "wrong flag in flag array: \"" + s + "\"")
                        .withHint("Possible values are: \"string\", \"numeric\", \"boolean\", \"key\", and \"all\".");
            }
        }
        return flags;
    }

    /** jsonb_to_tsvector_worker / json_to_tsvector_worker over a parsed json(b) tree. */
    public static TsVector jsonToTsvector(int cfg, Object tree, int flags) {
        ParsedText prs = new ParsedText();
        walk(cfg, tree, flags, prs);
        return makeTsvector(prs);
    }

    private static void add(int cfg, String value, ParsedText prs) {
        int before = prs.words().size();
        prs.parse(cfg, value);
        if (prs.words().size() > before) prs.addPos(1);
    }

    private static void walk(int cfg, Object v, int flags, ParsedText prs) {
        switch (v) {
            case String s -> { if ((flags & JT_STRING) != 0) add(cfg, s, prs); }
            case BigDecimal d -> { if ((flags & JT_NUMERIC) != 0) add(cfg, Numerics.numericOut(d), prs); }
            case Boolean b -> { if ((flags & JT_BOOL) != 0) add(cfg, b ? "true" : "false", prs); }
            case List<?> l -> { for (Object o : l) walk(cfg, o, flags, prs); }
            case Map<?, ?> m -> {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if ((flags & JT_KEY) != 0) add(cfg, (String) e.getKey(), prs);
                    walk(cfg, e.getValue(), flags, prs);
                }
            }
            default -> { }
        }
    }

    /** The tree of a jsonb value. */
    public static Object tree(Jsonb j) { return j.root(); }
}
