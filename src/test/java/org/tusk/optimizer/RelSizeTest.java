package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;

/** estimate_rel_size's cases (plancat.c, tableam.c table_block_relation_estimate_size). */
class RelSizeTest {
    /** One int4 column: 4 bytes of data + 28 of overhead, 8168 / 32 = 255 tuples a page. */
    private static final int INT4_WIDTH = 4;

    @Test
    void neverVacuumedTableIsAssumedTenPagesOfFullPages() {
        RelSize.Estimate e = RelSize.table(1, 0, -1, 0, false, INT4_WIDTH);
        assertEquals(10, e.pages());
        assertEquals(2550, e.tuples());
        assertEquals(0, e.allVisFrac());
    }

    @Test
    void neverVacuumedLargeTableKeepsItsLength() {
        RelSize.Estimate e = RelSize.table(40, 0, -1, 0, false, INT4_WIDTH);
        assertEquals(40, e.pages());
        assertEquals(40 * 255, e.tuples());
    }

    @Test
    void analysedTableUsesTheCountedTuples() {
        // int4_tbl after VACUUM ANALYZE: one page, five rows
        RelSize.Estimate e = RelSize.table(1, 1, 5, 1, false, INT4_WIDTH);
        assertEquals(1, e.pages());
        assertEquals(5, e.tuples());
        assertEquals(1.0, e.allVisFrac());
    }

    @Test
    void densityIsScaledToTheCurrentLength() {
        // tenk1 counted at 345 pages, grown to 358 since
        RelSize.Estimate e = RelSize.table(358, 345, 10000, 345, false, 244);
        assertEquals(358, e.pages());
        assertEquals(Math.rint(10000.0 / 345 * 358), e.tuples());
        // relallvisible is not scaled: the new pages are taken as not all-visible
        assertEquals(345.0 / 358, e.allVisFrac(), 1e-12);
    }

    @Test
    void emptyInheritanceParentIsBelievedEmpty() {
        RelSize.Estimate e = RelSize.table(0, 0, -1, 0, true, INT4_WIDTH);
        assertEquals(0, e.pages());
        assertEquals(0, e.tuples());
    }

    @Test
    void vacuumedWhileEmptyThenFilledUsesTheWidthWithoutTheTenPageRule() {
        assertEquals(0, RelSize.table(0, 0, 0, 0, false, INT4_WIDTH).tuples());
        RelSize.Estimate e = RelSize.table(3, 0, 0, 0, false, INT4_WIDTH);
        assertEquals(3, e.pages());
        assertEquals(3 * 255, e.tuples());
    }

    @Test
    void densityDividesInIntegers() {
        // 8168 / (36 + 28) = 127.6: 127 tuples a page
        assertEquals(10 * 127, RelSize.table(0, 0, -1, 0, false, 36).tuples());
    }

    @Test
    void allVisibleFractionIsClampedToOne() {
        assertEquals(1.0, RelSize.table(4, 8, 100, 8, false, INT4_WIDTH).allVisFrac());
        assertEquals(0.5, RelSize.table(4, 4, 100, 2, false, INT4_WIDTH).allVisFrac());
    }

    @Test
    void indexDensityLeavesTheMetapageOut() {
        // 3 pages counted (2 without the metapage) holding 200 entries; now 5 pages (4 without it)
        RelSize.Estimate e = RelSize.index(5, 3, 200, 0, INT4_WIDTH);
        assertEquals(5, e.pages());
        assertEquals(400, e.tuples());
        assertEquals(0, RelSize.index(0, 3, 200, 0, INT4_WIDTH).tuples());
        // an index is never assumed ten pages long
        assertEquals(2, RelSize.index(2, 0, 0, 0, INT4_WIDTH).pages());
    }

    @Test
    void typeWidthsFollowGetTypavgwidth() {
        assertEquals(4, PlanCosts.typeWidth(TypeOids.INT4, -1));
        assertEquals(32, PlanCosts.typeWidth(TypeOids.TEXT, -1));
        // varchar(10): at most 10 * 4 + 4 = 44 bytes, guessed at 32 + half the rest
        assertEquals(38, PlanCosts.typeWidth(TypeOids.VARCHAR, 10 + 4));
        // varchar(5): 24 bytes at most, taken whole
        assertEquals(24, PlanCosts.typeWidth(TypeOids.VARCHAR, 5 + 4));
        // char(n) is always as wide as its maximum
        assertEquals(204, PlanCosts.typeWidth(TypeOids.BPCHAR, 50 + 4));
        // beyond 1000 bytes a fixed guess
        assertEquals(516, PlanCosts.typeWidth(TypeOids.VARCHAR, 10000 + 4));
        // numeric(10,2): header 8 + 4 digit groups of 2 bytes
        assertEquals(16, PlanCosts.typeWidth(TypeOids.NUMERIC, ((10 << 16) | 2) + 4));
        // bit varying(100): 13 bytes of bits + 8 of header
        assertEquals(21, PlanCosts.typeWidth(TypeOids.VARBIT, 100));
    }
}
