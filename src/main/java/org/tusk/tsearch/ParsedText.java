package org.tusk.tsearch;

import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.adt.tsearch.TsVector;

/**
 * parsetext (ts_parse.c): runs the default parser over a text and each token through the
 * dictionaries its configuration maps the token's type to; the first dictionary that recognises
 * the token decides. Every recognised token (stop words included) advances the position; tokens
 * of unmapped types do not. Words at MAXSTRLEN bytes or more are skipped.
 */
public final class ParsedText {
    /** ParsedWord: a lexeme with its position (limited to MAXENTRYPOS - 1). */
    public record Word(String word, int pos) {}

    private final List<Word> words = new ArrayList<>();
    private int pos;

    public List<Word> words() { return words; }

    /** The position of the last recognised token. */
    public int pos() { return pos; }

    /** Appends the lexemes of {@code text} under configuration {@code cfg}. */
    public void parse(int cfg, String text) {
        for (DefaultParser.Token t : DefaultParser.tokens(text)) {
            if (t.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= TsVector.MAXSTRLEN) continue;
            List<String> lexemes = null;
            for (int dict : TextSearchConfigs.dictionaries(cfg, t.type())) {
                lexemes = Dictionaries.lexize(dict, t.text());
                if (lexemes != null) break;
            }
            if (lexemes == null) continue;
            pos++;
            for (String l : lexemes) words.add(new Word(l, Math.min(pos, TsVector.MAXENTRYPOS - 1)));
        }
    }

    /** Shifts the position counter (to_tsvector of json adds a gap between strings). */
    public void addPos(int n) { pos += n; }
}
