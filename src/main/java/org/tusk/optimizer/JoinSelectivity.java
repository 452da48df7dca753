package org.tusk.optimizer;

import org.tusk.catalog.Catalog;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.Comparisons;

/**
 * selfuncs.c's estimate of an equality join clause {@code a = b} (eqjoinsel): for an inner, left
 * or full join the fraction of the cross product that satisfies it (eqjoinsel_inner), for a semi
 * or anti join the fraction of the outer rows that have a partner (eqjoinsel_semi). Each side is
 * a {@link Side}, what examine_variable learns about the expression: the base column's
 * pg_statistic row if it has one, its number of distinct values (get_variable_numdistinct) and
 * the rows of its base relation. With most-common-value lists on both sides the lists are
 * matched value by value; otherwise the estimate is 1 / max(nd1, nd2) of the non-null rows.
 */
final class JoinSelectivity {
    static final double DEFAULT_NUM_DISTINCT = 200;

    private JoinSelectivity() {}

    /**
     * One side of the clause (VariableStatData): {@code stats} the column's statistics or null,
     * {@code nd} get_variable_numdistinct's answer and whether it is the default guess,
     * {@code tuples} the rows of its relation before restrictions (-1 if none), and
     * {@code relRows} the estimated rows of the base relation the column belongs to (-1 if the
     * expression is no column of one relation).
     */
    record Side(Catalog.ColumnStatistics stats, double nd, boolean ndDefault, double tuples, double relRows) {
        /** An expression the planner knows nothing about: DEFAULT_NUM_DISTINCT values. */
        static final Side UNKNOWN = new Side(null, DEFAULT_NUM_DISTINCT, true, -1, -1);

        double nullFrac() {
            return stats == null ? 0 : stats.nullFrac();
        }

        Catalog.StatisticsSlot mcv() {
            if (stats == null) return null;
            Catalog.StatisticsSlot s = stats.slot(Catalog.StatisticsSlot.MCV);
            return s == null || s.values() == null || s.numbers() == null || s.values().size() == 0 ? null : s;
        }
    }

    /**
     * get_variable_numdistinct: an absolute stadistinct as it is, a relative one (or a column with
     * a one-column unique index, or a VALUES column) times the relation's tuples; without
     * statistics a boolean has two values and a relation under DEFAULT_NUM_DISTINCT rows as many
     * values as rows; otherwise the default 200, flagged as a guess.
     */
    static Side side(Catalog.ColumnStatistics stats, boolean isBool, boolean unique, double tuples, double relRows) {
        double stadistinct, nullFrac = 0;
        if (stats != null) {
            stadistinct = stats.distinct();
            nullFrac = stats.nullFrac();
        } else if (isBool) {
            return new Side(null, 2, false, tuples, relRows);
        } else {
            stadistinct = 0;
        }
        if (unique) stadistinct = -1.0 * (1.0 - nullFrac);
        if (stadistinct > 0) return new Side(stats, clampRows(stadistinct), false, tuples, relRows);
        if (tuples <= 0) return new Side(stats, DEFAULT_NUM_DISTINCT, true, tuples, relRows);
        if (stadistinct < 0) return new Side(stats, clampRows(-stadistinct * tuples), false, tuples, relRows);
        if (tuples < DEFAULT_NUM_DISTINCT) return new Side(stats, clampRows(tuples), false, tuples, relRows);
        return new Side(stats, DEFAULT_NUM_DISTINCT, true, tuples, relRows);
    }

    /** eqjoinsel_inner. */
    static double inner(Side s1, Side s2) {
        double nd1 = s1.nd(), nd2 = s2.nd();
        Catalog.StatisticsSlot m1 = s1.mcv(), m2 = s2.mcv();
        double selec;
        if (m1 != null && m2 != null && comparable(m1.values(), m2.values())) {
            int n1 = m1.values().size(), n2 = m2.values().size();
            boolean[] hasMatch1 = new boolean[n1], hasMatch2 = new boolean[n2];
            double matchProdFreq = 0;
            int nmatches = 0;
            for (int i = 0; i < n1; i++) {
                for (int j = 0; j < n2; j++) {
                    if (hasMatch2[j]) continue;
                    if (equal(m1.values().get(i), m2.values().get(j))) {
                        hasMatch1[i] = hasMatch2[j] = true;
                        matchProdFreq += (double) m1.numbers()[i] * m2.numbers()[j];
                        nmatches++;
                        break;
                    }
                }
            }
            matchProdFreq = clampProbability(matchProdFreq);
            double[] f1 = frequencies(m1, hasMatch1), f2 = frequencies(m2, hasMatch2);
            double matchFreq1 = f1[0], unmatchFreq1 = f1[1], matchFreq2 = f2[0], unmatchFreq2 = f2[1];
            double otherFreq1 = clampProbability(1.0 - s1.nullFrac() - matchFreq1 - unmatchFreq1);
            double otherFreq2 = clampProbability(1.0 - s2.nullFrac() - matchFreq2 - unmatchFreq2);
            // from relation 1's point of view: the matched MCVs, its unmatched MCVs against
            // relation 2's non-MCV population, its other values against 2's unmatched MCVs and others
            double totalSel1 = matchProdFreq;
            if (nd2 > n2) totalSel1 += unmatchFreq1 * otherFreq2 / (nd2 - n2);
            if (nd2 > nmatches) totalSel1 += otherFreq1 * (otherFreq2 + unmatchFreq2) / (nd2 - nmatches);
            double totalSel2 = matchProdFreq;
            if (nd1 > n1) totalSel2 += unmatchFreq2 * otherFreq1 / (nd1 - n1);
            if (nd1 > nmatches) totalSel2 += otherFreq2 * (otherFreq1 + unmatchFreq1) / (nd1 - nmatches);
            selec = Math.min(totalSel1, totalSel2);
        } else {
            selec = (1.0 - s1.nullFrac()) * (1.0 - s2.nullFrac());
            selec /= Math.max(nd1, nd2);
        }
        return clampProbability(selec);
    }

    /**
     * eqjoinsel_semi: the fraction of relation 1's rows with a partner in relation 2, whose rows
     * as the join's inner input are {@code innerRows}. nd2 is clamped to the rows of 2's base
     * relation and of the inner input (restrictions on the inner side show only that way).
     */
    static double semi(Side s1, Side s2, double innerRows) {
        double nd1 = s1.nd(), nd2 = s2.nd();
        boolean default1 = s1.ndDefault(), default2 = s2.ndDefault();
        if (s2.relRows() >= 0 && nd2 >= s2.relRows()) {
            nd2 = s2.relRows();
            default2 = false;
        }
        if (nd2 >= innerRows) {
            nd2 = innerRows;
            default2 = false;
        }
        Catalog.StatisticsSlot m1 = s1.mcv(), m2 = s2.mcv();
        double selec;
        if (m1 != null && m2 != null && comparable(m1.values(), m2.values())) {
            int n1 = m1.values().size();
            // with nd2 clamped below the list's length, only its nd2 most common values take part
            int clamped2 = (int) Math.min(m2.values().size(), nd2);
            boolean[] hasMatch1 = new boolean[n1], hasMatch2 = new boolean[Math.max(clamped2, 0)];
            int nmatches = 0;
            for (int i = 0; i < n1; i++) {
                for (int j = 0; j < clamped2; j++) {
                    if (hasMatch2[j]) continue;
                    if (equal(m1.values().get(i), m2.values().get(j))) {
                        hasMatch1[i] = hasMatch2[j] = true;
                        nmatches++;
                        break;
                    }
                }
            }
            double matchFreq1 = frequencies(m1, hasMatch1)[0];
            double uncertainFrac;
            if (!default1 && !default2) {
                nd1 -= nmatches;
                nd2 -= nmatches;
                uncertainFrac = nd1 <= nd2 || nd2 < 0 ? 1.0 : nd2 / nd1;
            } else {
                uncertainFrac = 0.5;
            }
            double uncertain = clampProbability(1.0 - matchFreq1 - s1.nullFrac());
            selec = matchFreq1 + uncertainFrac * uncertain;
        } else if (!default1 && !default2) {
            selec = nd1 <= nd2 || nd2 < 0 ? 1.0 - s1.nullFrac() : nd2 / nd1 * (1.0 - s1.nullFrac());
        } else {
            selec = 0.5 * (1.0 - s1.nullFrac());
        }
        return clampProbability(selec);
    }

    /** {matched, unmatched}: the summed frequencies of the list's values with and without a partner. */
    private static double[] frequencies(Catalog.StatisticsSlot mcv, boolean[] hasMatch) {
        double matched = 0, unmatched = 0;
        for (int i = 0; i < hasMatch.length; i++) {
            if (hasMatch[i]) matched += mcv.numbers()[i];
            else unmatched += mcv.numbers()[i];
        }
        return new double[] {clampProbability(matched), clampProbability(unmatched)};
    }

    /** Whether the two lists' values compare with each other (the same kind of Java value, or integers of any width). */
    private static boolean comparable(ArrayValue a, ArrayValue b) {
        Object x = a.get(0), y = b.get(0);
        if (x == null || y == null) return false;
        if (isInteger(x) || isInteger(y)) return isInteger(x) && isInteger(y);
        return x.getClass() == y.getClass();
    }

    private static boolean isInteger(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short;
    }

    private static boolean equal(Object a, Object b) {
        return a != null && b != null && Comparisons.compare(a, b) == 0;
    }

    static double clampProbability(double p) {
        return p < 0 ? 0 : p > 1 ? 1 : p;
    }

    private static double clampRows(double rows) {
        return rows <= 1.0 ? 1.0 : Math.rint(rows);
    }
}
