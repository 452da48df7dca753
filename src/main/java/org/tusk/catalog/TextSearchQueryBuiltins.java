package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.tsearch.WebSearchQuery;
import org.tusk.utils.adt.tsearch.TsQuery;
import org.tusk.utils.adt.tsearch.TsQueryRewrite;

/**
 * websearch_to_tsquery (to_tsany.c; without a configuration default_text_search_config decides,
 * so that form is STABLE) and ts_rewrite(tsquery, tsquery, tsquery) (tsquery_rewrite.c).
 */
final class TextSearchQueryBuiltins {
    private TextSearchQueryBuiltins() {}

    private static final int TSQUERY = TextSearchBuiltins.TSQUERY, REGCONFIG = TextSearchBuiltins.REGCONFIG;

    static void register(BuiltinRegistry r) {
        r.fn("websearch_to_tsquery", List.of(REGCONFIG, TEXT), TSQUERY,
                (c, a) -> WebSearchQuery.parse((int) ((Number) a[0]).longValue(), (String) a[1]));
        r.fn("websearch_to_tsquery", List.of(TEXT), TSQUERY, Volatility.STABLE, true,
                (c, a) -> WebSearchQuery.parse(TextSearchBuiltins.currentConfig(c), (String) a[0]));
        r.fn("ts_rewrite", List.of(TSQUERY, TSQUERY, TSQUERY), TSQUERY,
                (c, a) -> TsQueryRewrite.rewrite((TsQuery) a[0], (TsQuery) a[1], (TsQuery) a[2]));
    }
}
