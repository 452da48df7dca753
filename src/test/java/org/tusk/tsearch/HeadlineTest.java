package org.tusk.tsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.adt.JsonbIO;
import org.tusk.utils.adt.tsearch.TsQuery;
import org.tusk.utils.adt.tsearch.TsQueryIO;
import org.tusk.utils.error.PgException;

/** ts_headline as PostgreSQL 15 answers the same calls (expected strings are its output). */
class HeadlineTest {
    private static final String POEM = "Day after day, day after day, We stuck, nor breath nor motion, As idle as a painted"
            + " Ship Upon a painted Ocean. Water, water, every where And all the boards did shrink; Water, water, every"
            + " where, Nor any drop to drink.";

    private static TsQuery english(String q) { return ToTsAny.toTsquery(TextSearchConfigs.ENGLISH, q); }

    @Test
    void defaultSelectorStretchesTheBestCover() {
        assertEquals("<b>painted</b> Ship Upon a <b>painted</b> Ocean. Water, water, every where And all the boards did"
                + " shrink; Water, water, every where, Nor any drop to <b>drink</b>",
                Headline.text(TextSearchConfigs.ENGLISH, POEM, english("paint&drink"), null));
    }

    @Test
    void fragmentsAreJoinedByTheDelimiter() {
        assertEquals("<b>stuck</b>, nor breath | <b>drink</b>", Headline.text(TextSearchConfigs.ENGLISH, POEM,
                english("stuck & drink"), "MaxFragments=2, MaxWords=4, MinWords=1, FragmentDelimiter=\" | \""));
    }

    @Test
    void phraseCoversUsePositions() {
        assertEquals("<b>1</b> <b>3</b>", Headline.text(TextSearchConfigs.SIMPLE, "1 2 3 1 3", TsQueryIO.in("1 <-> 3"),
                "MaxWords=2, MinWords=1"));
    }

    @Test
    void tagsAndUrlsAreReplacedOrSkippedUnlessHighlightAll() {
        String doc = "Sea view <u>foo bar</u> http://x.org/y";
        assertEquals("[Sea] view <u>[foo] bar</u> http://x.org/y", Headline.text(TextSearchConfigs.ENGLISH, doc,
                english("sea&foo"), "HighlightAll=true, StartSel=[, StopSel=]"));
        assertEquals("<b>Sea</b> view  <b>foo</b> bar  http://x.org/y",
                Headline.text(TextSearchConfigs.ENGLISH, doc, english("sea&foo"), null));
    }

    @Test
    void withoutAMatchTheFirstMinWordsAreShown() {
        assertEquals("nothing here", Headline.text(TextSearchConfigs.SIMPLE, "nothing here at all", TsQueryIO.in("zzz"),
                "MinWords=2, MaxWords=3"));
        assertEquals("", Headline.text(TextSearchConfigs.SIMPLE, "", TsQueryIO.in("zzz"), null));
    }

    @Test
    void optionErrors() {
        TsQuery q = TsQueryIO.in("foo");
        PgException e = assertThrows(PgException.class, () -> Headline.text(TextSearchConfigs.SIMPLE, "foo bar", q, "MinWords=40"));
        assertEquals("MinWords should be less than MaxWords", e.getMessage());
        e = assertThrows(PgException.class, () -> Headline.text(TextSearchConfigs.SIMPLE, "foo bar", q, "Bogus=1"));
        assertEquals("unrecognized headline parameter: \"Bogus\"", e.getMessage());
        e = assertThrows(PgException.class, () -> Headline.text(TextSearchConfigs.SIMPLE, "foo bar", q, "StartSel"));
        assertEquals("invalid parameter list format: \"StartSel\"", e.getMessage());
    }

    @Test
    void optionListQuoting() {
        assertEquals(List.of(new DefList.Option("StartSel", "[["), new DefList.Option("Stop Sel", "x'y")),
                DefList.parse("StartSel = \"[[\" , \"Stop Sel\"='x''y'"));
    }

    @Test
    void jsonKeepsItsTextAndJsonbItsForm() {
        String doc = "{\"b\": \"x aaa\", \"a\": [1.50e1, true, \"aaa y\"], \"k\\\"\": null}";
        assertEquals("{\"b\":\"x <b>aaa</b>\",\"a\":[1.50e1,true,\"<b>aaa</b> y\"],\"k\\\"\":null}",
                Headline.json(TextSearchConfigs.SIMPLE, doc, TsQueryIO.in("aaa"), null));
        assertEquals("{\"a\": [15.0, true, \"<b>aaa</b> y\"], \"b\": \"x <b>aaa</b>\", \"k\\\"\": null}",
                JsonbIO.out(Headline.jsonb(TextSearchConfigs.SIMPLE, JsonbIO.jsonbIn(doc), TsQueryIO.in("aaa"), null), false));
    }
}
