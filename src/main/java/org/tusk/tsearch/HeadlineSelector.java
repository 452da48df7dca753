package org.tusk.tsearch;

import static org.tusk.tsearch.TokenTypes.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.tsearch.HeadlineParsedText.Word;
import org.tusk.utils.adt.Ints;
import org.tusk.utils.adt.tsearch.TsExecute;
import org.tusk.utils.adt.tsearch.TsQuery;
import org.tusk.utils.error.PgException;

/**
 * prsd_headline (wparser_def.c): the default parser's headline selector. It reads the options
 * (MaxWords, MinWords, ShortWord, MaxFragments, StartSel, StopSel, FragmentDelimiter,
 * HighlightAll), finds covers (minimal runs of words satisfying the query, hlCover) and marks
 * the words of the chosen headline: the best cover stretched to MinWords..MaxWords ending on
 * good words (mark_hl_words), or up to MaxFragments fragments (mark_hl_fragments), or the whole
 * text with HighlightAll.
 */
public final class HeadlineSelector {
    private final HeadlineParsedText prs;
    private final List<Word> w;
    private int shortword = 3;

    private HeadlineSelector(HeadlineParsedText prs) {
        this.prs = prs;
        this.w = prs.words;
    }

    /** prsd_headline: marks {@code prs} for {@code query} under {@code options}. */
    public static void select(HeadlineParsedText prs, List<DefList.Option> options, TsQuery query) {
        new HeadlineSelector(prs).run(options, query);
    }

    private void run(List<DefList.Option> options, TsQuery query) {
        int minWords = 15, maxWords = 35, maxFragments = 0;
        boolean highlightAll = false;
        prs.startsel = null;
        prs.stopsel = null;
        prs.fragdelim = null;
        for (DefList.Option o : options) {
            String val = o.value();
            switch (o.name().toLowerCase(Locale.ROOT)) {
                case "maxwords" -> maxWords = Ints.int4in(val);
                case "minwords" -> minWords = Ints.int4in(val);
                case "shortword" -> shortword = Ints.int4in(val);
                case "maxfragments" -> maxFragments = Ints.int4in(val);
                case "startsel" -> prs.startsel = val;
                case "stopsel" -> prs.stopsel = val;
                case "fragmentdelimiter" -> prs.fragdelim = val;
                case "highlightall" -> {
                    String v = val.toLowerCase(Locale.ROOT);
                    highlightAll = v.equals("1") || v.equals("on") || v.equals("true") || v.equals("t")
                            || v.equals("y") || v.equals("yes");
                }
                default -> throw PgException.error("22023", "unrecognized headline parameter: \"" + o.name() + "\"");
            }
        }
        // max_cover bounds the cover search so a long document stays linear-ish (as PostgreSQL)
        int maxCover = Math.max(maxWords * 10, 100);
        if (maxFragments > 0) maxCover *= maxFragments;
        if (!highlightAll) {
            if (minWords >= maxWords) throw PgException.error("22023", "MinWords should be less than MaxWords");
            if (minWords <= 0) throw PgException.error("22023", "MinWords should be positive");
            if (shortword < 0) throw PgException.error("22023", "ShortWord should be >= 0");
            if (maxFragments < 0) throw PgException.error("22023", "MaxFragments should be >= 0");
        }
        if (maxFragments == 0) markWords(query, highlightAll, minWords, maxWords, maxCover);
        else markFragments(query, highlightAll, minWords, maxWords, maxFragments, maxCover);
        if (prs.startsel == null) prs.startsel = "<b>";
        if (prs.stopsel == null) prs.stopsel = "</b>";
        if (prs.fragdelim == null) prs.fragdelim = " ... ";
    }

    private static boolean hlIdReplace(int t) { return t == TAG_T; }
    private static boolean hlIdSkip(int t) { return t == URL_T || t == NUMHWORD || t == ASCIIHWORD || t == HWORD; }
    private static boolean nonWordToken(int t) { return t == SPACE || hlIdReplace(t) || hlIdSkip(t); }
    private static boolean tsIdIgnore(int t) { return t == TAG_T || t == PROTOCOL || t == SPACE || t == XMLENTITY; }
    private static boolean noEndToken(int t) {
        return nonWordToken(t) || t == SCIENTIFIC || t == VERSIONNUMBER || t == DECIMAL_T || t == SIGNEDINT
                || t == UNSIGNEDINT || tsIdIgnore(t);
    }

    /** INTERESTINGWORD: a non-repeated search term. */
    private boolean interesting(int j) { return w.get(j).item != null && !w.get(j).repeated; }

    /** BADENDPOINT: a non-word or short word that is not a search term. */
    private boolean badEndpoint(int j) {
        Word x = w.get(j);
        return (noEndToken(x.type) || x.len <= shortword) && !interesting(j);
    }

    private boolean isWord(int j) { return !nonWordToken(w.get(j).type); }

    /** hlFirstIndex: the first index at or after pos holding a query word, or -1. */
    private int firstIndex(int pos) {
        for (int i = pos; i < w.size(); i++) if (w.get(i).item != null) return i;
        return -1;
    }

    /** checkcondition_HL: whether the operand occurs among words [from, from + len), with positions. */
    private TsExecute.Ternary check(int from, int len, TsQuery.Operand val, TsExecute.PhraseData data) {
        List<Integer> pos = new ArrayList<>();
        for (int i = from; i < from + len; i++) {
            Word x = w.get(i);
            if (x.item != val) continue;
            if (data == null) return TsExecute.Ternary.YES;
            if (pos.isEmpty() || pos.get(pos.size() - 1) < x.pos) pos.add(x.pos);
        }
        if (data != null && !pos.isEmpty()) {
            data.pos = pos.stream().mapToInt(Integer::intValue).toArray();
            data.npos = data.pos.length;
            return TsExecute.Ternary.YES;
        }
        return TsExecute.Ternary.NO;
    }

    /** hlCover: the earliest, shortest run from p[0] on satisfying the query; bounds into p[0], q[0]. */
    private boolean cover(TsQuery query, int maxCover, int[] p, int[] q) {
        int pmin = firstIndex(p[0]);
        while (pmin >= 0) {
            int nextpmin = -1;
            int pmax = pmin;
            do {
                final int from = pmin, len = pmax - pmin + 1;
                if (TsExecute.execute(query, (o, d) -> check(from, len, o, d), false)) {
                    p[0] = pmin;
                    q[0] = pmax;
                    return true;
                }
                int nextpmax = firstIndex(pmax + 1);
                if (pmax == pmin) nextpmin = nextpmax;
                pmax = nextpmax;
            } while (pmax >= 0 && pmax - pmin < maxCover);
            pmin = nextpmin;
        }
        return false;
    }

    /** mark_fragment. */
    private void markFragment(boolean highlightAll, int startpos, int endpos) {
        // an empty text yields endpos 0 with no word there (PostgreSQL touches an unused slot)
        for (int i = startpos; i <= endpos && i < w.size(); i++) {
            Word x = w.get(i);
            if (x.item != null) x.selected = true;
            if (!highlightAll) {
                if (hlIdReplace(x.type)) x.replace = true;
                else if (hlIdSkip(x.type)) x.skip = true;
            } else if (hlIdSkip(x.type)) {
                x.skip = true;
            }
            x.in = !x.repeated;
        }
    }

    /** mark_hl_words: the headline selector when MaxFragments is 0. */
    private void markWords(TsQuery query, boolean highlightAll, int minWords, int maxWords, int maxCover) {
        int bestb = -1, beste = -1, bestlen = -1;
        boolean bestcover = false;
        if (!highlightAll) {
            int[] p = {0}, q = {0};
            while (cover(query, maxCover, p, q)) {
                int curlen = 0, poslen = 0, posb = p[0], pose = p[0];
                int i;
                for (i = p[0]; i <= q[0] && curlen < maxWords; i++) {
                    if (isWord(i)) curlen++;
                    if (interesting(i)) poslen++;
                    pose = i;
                }
                if (curlen < maxWords) {
                    // room to lengthen: reconsider the word at q, then move forward to a good end
                    for (i = i - 1; i < w.size() && curlen < maxWords; i++) {
                        if (i > q[0]) {
                            if (isWord(i)) curlen++;
                            if (interesting(i)) poslen++;
                        }
                        pose = i;
                        if (badEndpoint(i)) continue;
                        if (curlen >= minWords) break;
                    }
                    if (curlen < minWords) {
                        // reached the end still short of MinWords: extend to the left
                        for (i = p[0] - 1; i >= 0; i--) {
                            if (isWord(i)) curlen++;
                            if (interesting(i)) poslen++;
                            if (curlen >= maxWords) break;
                            if (badEndpoint(i)) continue;
                            if (curlen >= minWords) break;
                        }
                        posb = Math.max(i, 0);
                    }
                } else {
                    // cannot lengthen: shorten if needed to avoid a bad endpoint
                    if (i > q[0]) i = q[0];
                    for (; curlen > minWords; i--) {
                        if (!badEndpoint(i)) break;
                        if (isWord(i)) curlen--;
                        if (interesting(i)) poslen--;
                        pose = i - 1;
                    }
                }
                boolean poscover = posb <= p[0] && pose >= q[0];
                if ((poscover && !bestcover) || (poscover == bestcover && poslen > bestlen)
                        || (poscover == bestcover && poslen == bestlen && !badEndpoint(pose) && badEndpoint(beste))) {
                    bestb = posb;
                    beste = pose;
                    bestlen = poslen;
                    bestcover = poscover;
                }
                p[0]++;
            }
            if (bestlen < 0) {
                int curlen = 0, pose = 0;
                for (int i = 0; i < w.size() && curlen < minWords; i++) {
                    if (isWord(i)) curlen++;
                    pose = i;
                }
                bestb = 0;
                beste = pose;
            }
        } else {
            bestb = 0;
            beste = w.size() - 1;
        }
        markFragment(highlightAll, bestb, beste);
    }

    /** CoverPos: one fragment candidate of mark_hl_fragments. */
    private static final class CoverPos {
        int startpos, endpos, poslen, curlen;
        boolean chosen, excluded;
    }

    /** get_next_fragment: the next piece of a cover, at most MaxWords long, ending on query words. */
    private void nextFragment(int[] startpos, int[] endpos, int[] curlen, int[] poslen, int maxWords) {
        int i;
        for (i = startpos[0]; i <= endpos[0]; i++) {
            startpos[0] = i;
            if (interesting(i)) break;
        }
        curlen[0] = 0;
        poslen[0] = 0;
        for (i = startpos[0]; i <= endpos[0] && curlen[0] < maxWords; i++) {
            if (isWord(i)) curlen[0]++;
            if (interesting(i)) poslen[0]++;
        }
        if (endpos[0] > i) {
            endpos[0] = i;
            for (i = endpos[0]; i >= startpos[0]; i--) {
                endpos[0] = i;
                if (interesting(i)) break;
                if (isWord(i)) curlen[0]--;
            }
        }
    }

    /** mark_hl_fragments: the headline selector when MaxFragments is above 0. */
    private void markFragments(TsQuery query, boolean highlightAll, int minWords, int maxWords, int maxFragments,
            int maxCover) {
        List<CoverPos> covers = new ArrayList<>();
        int[] p = {0}, q = {0};
        while (cover(query, maxCover, p, q)) {
            int[] startpos = {p[0]}, endpos = {q[0]}, curlen = {0}, poslen = {0};
            while (startpos[0] <= endpos[0]) {
                nextFragment(startpos, endpos, curlen, poslen, maxWords);
                CoverPos c = new CoverPos();
                c.startpos = startpos[0];
                c.endpos = endpos[0];
                c.curlen = curlen[0];
                c.poslen = poslen[0];
                covers.add(c);
                startpos[0] = endpos[0] + 1;
                endpos[0] = q[0];
            }
            p[0]++;
        }
        int numF = 0;
        for (int f = 0; f < maxFragments; f++) {
            int maxitems = 0, minwords = Integer.MAX_VALUE;
            CoverPos best = null;
            // the cover with most query words; on a tie the one with fewer words
            for (CoverPos c : covers) {
                if (!c.chosen && !c.excluded && (maxitems < c.poslen || (maxitems == c.poslen && minwords > c.curlen))) {
                    maxitems = c.poslen;
                    minwords = c.curlen;
                    best = c;
                }
            }
            if (best == null) break;
            best.chosen = true;
            int startpos = best.startpos, endpos = best.endpos, curlen = best.curlen;
            if (curlen < maxWords) {
                // stretch both ways, half the room each, stopping at marked fragments
                int maxstretch = (maxWords - curlen) / 2;
                int stretch = 0, posmarker = startpos, i;
                for (i = startpos - 1; i >= 0 && stretch < maxstretch && !w.get(i).in; i--) {
                    if (isWord(i)) {
                        curlen++;
                        stretch++;
                    }
                    posmarker = i;
                }
                for (i = posmarker; i < startpos && badEndpoint(i); i++) if (isWord(i)) curlen--;
                startpos = i;
                posmarker = endpos;
                for (i = endpos + 1; i < w.size() && curlen < maxWords && !w.get(i).in; i++) {
                    if (isWord(i)) curlen++;
                    posmarker = i;
                }
                for (i = posmarker; i > endpos && badEndpoint(i); i--) if (isWord(i)) curlen--;
                endpos = i;
            }
            best.startpos = startpos;
            best.endpos = endpos;
            best.curlen = curlen;
            markFragment(highlightAll, startpos, endpos);
            numF++;
            for (CoverPos c : covers) {
                if (c != best && ((c.startpos >= startpos && c.startpos <= endpos)
                        || (c.endpos >= startpos && c.endpos <= endpos)
                        || (c.startpos < startpos && c.endpos > endpos))) {
                    c.excluded = true;
                }
            }
        }
        if (numF <= 0) {
            int curlen = 0, endpos = 0;
            for (int i = 0; i < w.size() && curlen < minWords; i++) {
                if (isWord(i)) curlen++;
                endpos = i;
            }
            markFragment(highlightAll, 0, endpos);
        }
    }
}
