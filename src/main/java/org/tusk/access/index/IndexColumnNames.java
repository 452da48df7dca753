package org.tusk.access.index;

import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.cache.Relation;
import org.tusk.utils.ruleutils.RuleUtils;

/**
 * The names BuildIndexValueDescription (genam.c) gives an index's key columns in
 * "Key (cols)=(values)": pg_get_indexdef_columns' text, a plain column by its name and an
 * expression column by its deparsed expression ({@code textcat(f1, f2)}, {@code ((f1 || f2))}).
 */
public final class IndexColumnNames {
    private IndexColumnNames() {}

    /** One name per key column of {@code index}, in key order. */
    public static List<String> of(Relation index) {
        Relation.IndexInfo info = index.index();
        int keys = info == null ? index.desc().natts() : info.keyCount();
        List<String> exprs = info == null || !info.hasExpressions() ? List.of()
                : RuleUtils.indexExpressionColumns(info.heapOid(), info.expressions());
        List<String> out = new ArrayList<>();
        int expr = 0;
        for (int i = 0; i < keys; i++) {
            boolean isExpr = info != null && info.keyAttnum(i) == 0 && expr < exprs.size();
            out.add(isExpr ? exprs.get(expr++) : index.desc().attr(i).name());
        }
        return out;
    }
}
