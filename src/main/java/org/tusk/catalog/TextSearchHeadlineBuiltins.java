package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.tsearch.Headline;
import org.tusk.utils.adt.Jsonb;
import org.tusk.utils.adt.tsearch.TsQuery;

/**
 * ts_headline in all its pg_proc.dat forms (wparser.c): text, json and jsonb documents, with or
 * without a configuration (without one default_text_search_config decides, so those forms are
 * STABLE) and with or without an options string.
 */
final class TextSearchHeadlineBuiltins {
    private TextSearchHeadlineBuiltins() {}

    private static final int TSQUERY = TextSearchBuiltins.TSQUERY, REGCONFIG = TextSearchBuiltins.REGCONFIG;

    /** How one document type is headlined. */
    @FunctionalInterface
    private interface Doc {
        Object headline(int cfg, Object doc, TsQuery q, String options);
    }

    static void register(BuiltinRegistry r) {
        forType(r, TEXT, (cfg, d, q, o) -> Headline.text(cfg, (String) d, q, o));
        forType(r, JSONB, (cfg, d, q, o) -> Headline.jsonb(cfg, (Jsonb) d, q, o));
        forType(r, JSON, (cfg, d, q, o) -> Headline.json(cfg, (String) d, q, o));
    }

    private static void forType(BuiltinRegistry r, int type, Doc doc) {
        r.fn("ts_headline", List.of(REGCONFIG, type, TSQUERY, TEXT), type,
                (c, a) -> doc.headline(cfg(a[0]), a[1], (TsQuery) a[2], (String) a[3]));
        r.fn("ts_headline", List.of(REGCONFIG, type, TSQUERY), type,
                (c, a) -> doc.headline(cfg(a[0]), a[1], (TsQuery) a[2], null));
        r.fn("ts_headline", List.of(type, TSQUERY, TEXT), type, Volatility.STABLE, true,
                (c, a) -> doc.headline(TextSearchBuiltins.currentConfig(c), a[0], (TsQuery) a[1], (String) a[2]));
        r.fn("ts_headline", List.of(type, TSQUERY), type, Volatility.STABLE, true,
                (c, a) -> doc.headline(TextSearchBuiltins.currentConfig(c), a[0], (TsQuery) a[1], null));
    }

    private static int cfg(Object o) { return (int) ((Number) o).longValue(); }
}
