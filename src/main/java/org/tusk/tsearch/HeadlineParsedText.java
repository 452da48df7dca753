package org.tusk.tsearch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.adt.tsearch.TsQuery;
import org.tusk.utils.adt.tsearch.TsVector;
import org.tusk.utils.error.PgException;

/**
 * HeadlineParsedText (ts_public.h) with hlparsetext and generateHeadline (ts_parse.c): every
 * token of a document, in order, with the query operand its normalised form matched (a token
 * matching several operands gets one extra "repeated" entry per further operand, as
 * hlfinditem adds them), the position to_tsvector would give it, and the marks the headline
 * selector ({@link HeadlineSelector}) sets. One instance serves one call on one thread.
 */
public final class HeadlineParsedText {
    /** HeadlineWordEntry. */
    public static final class Word {
        final String text;
        final int type;
        /** Length in bytes, what ShortWord compares with. */
        final int len;
        int pos;
        TsQuery.Operand item;
        boolean repeated, selected, in, replace, skip;

        Word(String text, int type) {
            this.text = text;
            this.type = type;
            this.len = text.getBytes(StandardCharsets.UTF_8).length;
        }

        Word copy() {
            Word w = new Word(text, type);
            w.pos = pos;
            w.item = item;
            w.repeated = repeated;
            return w;
        }
    }

    final List<Word> words = new ArrayList<>();
    /** vectorpos: the position counter, kept across the values of one json document as PostgreSQL does. */
    private int vectorpos;
    String startsel, stopsel, fragdelim;

    /** The number of entries (curwords). */
    public int size() { return words.size(); }

    /** Forgets the words of the previous text but not the position counter (headline_json_value). */
    public void reset() { words.clear(); }

    /**
     * hlparsetext: parses {@code text} with configuration {@code cfg}, appending every token
     * and noting which operands of {@code query} each token's lexemes match.
     */
    public void parse(int cfg, TsQuery query, String text) {
        List<TsQuery.Operand> operands = new ArrayList<>();
        if (!query.isEmpty()) collect(query.root(), operands);
        for (DefaultParser.Token t : DefaultParser.tokens(text)) {
            if (t.text().getBytes(StandardCharsets.UTF_8).length >= TsVector.MAXSTRLEN) {
                throw PgException.error("54000", "word is too long to be indexed")
                        .withDetail("Words longer than " + TsVector.MAXSTRLEN + " characters are ignored.");
            }
            words.add(new Word(t.text(), t.type()));
            List<String> lexemes = null;
            for (int dict : TextSearchConfigs.dictionaries(cfg, t.type())) {
                lexemes = Dictionaries.lexize(dict, t.text());
                if (lexemes != null) break;
            }
            if (lexemes == null) continue;
            // addHLParsedLex: the token's lexemes sit at the next position (TSL_ADDPOS on the first)
            int pos = vectorpos + 1;
            for (String lexeme : lexemes) findItem(operands, pos, lexeme);
            vectorpos++;
        }
    }

    /** The operands in GETQUERY order: prefix order, right operand first. */
    private static void collect(TsQuery.Node n, List<TsQuery.Operand> out) {
        if (n instanceof TsQuery.Operand o) out.add(o);
        else if (n instanceof TsQuery.Operator op) {
            collect(op.right(), out);
            if (op.left() != null) collect(op.left(), out);
        }
    }

    /** hlfinditem: links the last word to every operand its lexeme matches (tsCompareString). */
    private void findItem(List<TsQuery.Operand> operands, int pos, String lexeme) {
        Word word = words.get(words.size() - 1);
        word.pos = Math.min(pos, TsVector.MAXENTRYPOS - 1);
        for (TsQuery.Operand o : operands) {
            boolean match = o.prefix() ? lexeme.startsWith(o.word()) : lexeme.equals(o.word());
            if (!match) continue;
            if (word.item != null) {
                Word dup = word.copy();
                dup.item = o;
                dup.repeated = true;
                words.add(dup);
            } else {
                word.item = o;
            }
        }
    }

    /** generateHeadline: the marked words, selected ones wrapped, fragments joined by the delimiter. */
    public String generate() {
        StringBuilder out = new StringBuilder();
        int numfragments = 0;
        boolean infrag = false;
        for (Word w : words) {
            if (w.in && !w.repeated) {
                if (!infrag) {
                    infrag = true;
                    numfragments++;
                    if (numfragments > 1) out.append(fragdelim);
                }
                if (w.replace) {
                    out.append(' ');
                } else if (!w.skip) {
                    if (w.selected) out.append(startsel);
                    out.append(w.text);
                    if (w.selected) out.append(stopsel);
                }
            } else if (!w.repeated) {
                infrag = false;
            }
        }
        return out.toString();
    }
}
