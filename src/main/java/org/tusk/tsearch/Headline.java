package org.tusk.tsearch;

import java.util.List;

import org.tusk.utils.adt.Jsonb;
import org.tusk.utils.adt.JsonStringTransform;
import org.tusk.utils.adt.tsearch.TsQuery;

/**
 * ts_headline (wparser.c ts_headline_byid_opt, ts_headline_jsonb_byid_opt,
 * ts_headline_json_byid_opt): parse the document with {@link HeadlineParsedText}, let the
 * default parser's selector ({@link HeadlineSelector}) mark the headline, and write it out. For
 * json and jsonb every string value gets its own headline (headline_json_value); keys, numbers
 * and the document's shape are kept.
 */
public final class Headline {
    private Headline() {}

    /** ts_headline([cfg,] text, tsquery [, options]); {@code options} may be null. */
    public static String text(int cfg, String doc, TsQuery query, String options) {
        List<DefList.Option> opts = options == null ? List.of() : DefList.parse(options);
        HeadlineParsedText prs = new HeadlineParsedText();
        prs.parse(cfg, query, doc);
        HeadlineSelector.select(prs, opts, query);
        return prs.generate();
    }

    /** ts_headline([cfg,] jsonb, tsquery [, options]). */
    public static Jsonb jsonb(int cfg, Jsonb doc, TsQuery query, String options) {
        List<DefList.Option> opts = options == null ? List.of() : DefList.parse(options);
        HeadlineParsedText prs = new HeadlineParsedText();
        return JsonStringTransform.transform(doc, s -> value(prs, cfg, query, opts, s));
    }

    /** ts_headline([cfg,] json, tsquery [, options]). */
    public static String json(int cfg, String doc, TsQuery query, String options) {
        List<DefList.Option> opts = options == null ? List.of() : DefList.parse(options);
        HeadlineParsedText prs = new HeadlineParsedText();
        return JsonStringTransform.transform(doc, s -> value(prs, cfg, query, opts, s));
    }

    /** headline_json_value: one string value's headline; positions run on across values. */
    private static String value(HeadlineParsedText prs, int cfg, TsQuery query, List<DefList.Option> opts, String s) {
        prs.reset();
        prs.parse(cfg, query, s);
        HeadlineSelector.select(prs, opts, query);
        return prs.generate();
    }
}
