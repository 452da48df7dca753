package org.tusk.tsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Stems of a word list, as PostgreSQL 15's ts_lexize('english_stem', word) gives them. */
class EnglishStemmerTest {
    private static final String PG15 = "running run;generously generous;communication communic;happiness happi;relational relat;conditional condit;hopefully hope;agreed agre;feed feed;bleeding bleed;caresses caress;ponies poni;ties tie;cats cat;gas gas;gaps gap;kiwis kiwi;hoping hope;hopping hop;filing file;universal univers;dying die;news news;skies sky;controllable control;rolling roll;formality formal;electricity electr;sensational sensat;arsenal arsenal;generate generat;troubled troubl;sized size;plastered plaster;meeting meet;effective effect;adjustment adjust;dependent depend;adoption adopt;allowance allow";

    @Test
    void stemsAsPostgresDoes() {
        for (String pair : PG15.split(";")) {
            String[] wp = pair.split(" ");
            assertEquals(wp[1], EnglishStemmer.stem(wp[0]), wp[0]);
        }
    }

    @Test
    void stopWordsYieldNoLexeme() {
        assertEquals(java.util.List.of(), Dictionaries.lexize(Dictionaries.ENGLISH_STEM, "The"));
        assertEquals(java.util.List.of("run"), Dictionaries.lexize(Dictionaries.ENGLISH_STEM, "Running"));
        assertEquals(java.util.List.of("the"), Dictionaries.lexize(Dictionaries.SIMPLE, "The"));
    }
}
