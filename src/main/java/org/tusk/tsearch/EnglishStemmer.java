package org.tusk.tsearch;

/**
 * The Snowball English ("Porter2") stemmer as Snowball's english.sbl defines it and
 * PostgreSQL's src/backend/snowball/libstemmer/stem_UTF_8_english.c runs it: exceptional forms,
 * the prelude marking consonant y as Y, the regions R1 and R2, steps 0/1a/1b/1c/2/3/4/5 working
 * backwards from the end of the word, and the postlude turning Y back into y. Suffix lists are
 * searched for the longest match first and the region condition is tested on that match only,
 * as Snowball's among does.
 *
 * <p>Stateless; one call stems one lower-case word.
 */
public final class EnglishStemmer {
    private EnglishStemmer() {}

    private static final String[][] EXCEPTION1 = {
            {"skis", "ski"}, {"skies", "sky"}, {"dying", "die"}, {"lying", "lie"}, {"tying", "tie"},
            {"idly", "idl"}, {"gently", "gentl"}, {"ugly", "ugli"}, {"early", "earli"}, {"only", "onli"},
            {"singly", "singl"}, {"sky", "sky"}, {"news", "news"}, {"howe", "howe"}, {"atlas", "atlas"},
            {"cosmos", "cosmos"}, {"bias", "bias"}, {"andes", "andes"}};

    private static final String[] EXCEPTION2 = {"inning", "outing", "canning", "herring", "earring", "proceed",
            "exceed", "succeed"};

    /** Stems {@code word} (lower case). */
    public static String stem(String word) {
        for (String[] e : EXCEPTION1) if (e[0].equals(word)) return e[1];
        if (word.codePointCount(0, word.length()) < 3) return word;
        StringBuilder w = new StringBuilder(word);
        // prelude
        if (w.charAt(0) == '\'') w.deleteCharAt(0);
        if (w.length() > 0 && w.charAt(0) == 'y') w.setCharAt(0, 'Y');
        for (int i = 1; i < w.length(); i++) {
            if (w.charAt(i) == 'y' && isVowel(w.charAt(i - 1))) w.setCharAt(i, 'Y');
        }
        int[] regions = markRegions(w);
        Stem s = new Stem(w, regions[0], regions[1]);
        s.step0();
        s.step1a();
        boolean exc2 = false;
        for (String e : EXCEPTION2) if (e.contentEquals(s.w)) exc2 = true;
        if (!exc2) {
            s.step1b();
            s.step1c();
            s.step2();
            s.step3();
            s.step4();
            s.step5();
        }
        for (int i = 0; i < s.w.length(); i++) if (s.w.charAt(i) == 'Y') s.w.setCharAt(i, 'y');
        return s.w.toString();
    }

    static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
    }

    /** mark_regions: p1 after the first non-vowel following a vowel (or the listed prefixes), p2 likewise after p1. */
    private static int[] markRegions(StringBuilder w) {
        int len = w.length();
        int p1 = len, p2 = len;
        String s = w.toString();
        int c;
        if (s.startsWith("gener") || s.startsWith("arsen")) c = 5;
        else if (s.startsWith("commun")) c = 6;
        else {
            c = gopastNonVowelAfterVowel(w, 0);
            if (c < 0) return new int[] {p1, p2};
        }
        p1 = c;
        int c2 = gopastNonVowelAfterVowel(w, c);
        if (c2 >= 0) p2 = c2;
        return new int[] {p1, p2};
    }

    /** gopast v gopast non-v: the position after the first non-vowel that follows a vowel, or -1. */
    private static int gopastNonVowelAfterVowel(StringBuilder w, int from) {
        int i = from;
        while (i < w.length() && !isVowel(w.charAt(i))) i++;
        if (i >= w.length()) return -1;
        i++;
        while (i < w.length() && isVowel(w.charAt(i))) i++;
        if (i >= w.length()) return -1;
        return i + 1;
    }

    /** The backward-mode steps over one word with its regions. */
    private static final class Stem {
        final StringBuilder w;
        final int p1, p2;

        Stem(StringBuilder w, int p1, int p2) {
            this.w = w;
            this.p1 = p1;
            this.p2 = p2;
        }

        boolean ends(String suffix) { return w.length() >= suffix.length() && w.lastIndexOf(suffix) == w.length() - suffix.length(); }

        /** The longest of {@code suffixes} the word ends with, or null. */
        String longest(String... suffixes) {
            String best = null;
            for (String s : suffixes) if (ends(s) && (best == null || s.length() > best.length())) best = s;
            return best;
        }

        int start(String suffix) { return w.length() - suffix.length(); }
        boolean inR1(String suffix) { return start(suffix) >= p1; }
        boolean inR2(String suffix) { return start(suffix) >= p2; }

        void replace(String suffix, String by) {
            w.setLength(start(suffix));
            w.append(by);
        }

        boolean nonVowel(int i) { return i >= 0 && i < w.length() && !isVowel(w.charAt(i)); }

        boolean hasVowelBefore(int end) {
            for (int i = 0; i < end; i++) if (isVowel(w.charAt(i))) return true;
            return false;
        }

        /** shortv at position {@code end} (the syllable ending just before it). */
        boolean shortv(int end) {
            if (end >= 3) {
                char c0 = w.charAt(end - 1), c1 = w.charAt(end - 2);
                if (!isVowel(c0) && c0 != 'w' && c0 != 'x' && c0 != 'Y' && isVowel(c1) && !isVowel(w.charAt(end - 3))) return true;
            }
            return end == 2 && !isVowel(w.charAt(1)) && isVowel(w.charAt(0));
        }

        void step0() {
            String s = longest("'", "'s", "'s'");
            if (s != null) replace(s, "");
        }

        void step1a() {
            String s = longest("sses", "ied", "ies", "s", "us", "ss");
            if (s == null) return;
            switch (s) {
                case "sses" -> replace(s, "ss");
                case "ied", "ies" -> replace(s, start(s) > 1 ? "i" : "ie");
                case "s" -> { if (hasVowelBefore(start(s) - 1)) replace(s, ""); }
                default -> { }
            }
        }

        void step1b() {
            String s = longest("eed", "eedly", "ed", "edly", "ing", "ingly");
            if (s == null) return;
            if (s.equals("eed") || s.equals("eedly")) {
                if (inR1(s)) replace(s, "ee");
                return;
            }
            if (!hasVowelBefore(start(s))) return;
            replace(s, "");
            if (ends("at") || ends("bl") || ends("iz")) {
                w.append('e');
            } else if (longest("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt") != null) {
                w.setLength(w.length() - 1);
            } else if (w.length() <= p1 && shortv(w.length())) {
                w.append('e');
            }
        }

        void step1c() {
            int n = w.length();
            if (n == 0) return;
            char last = w.charAt(n - 1);
            if ((last == 'y' || last == 'Y') && n >= 3 && nonVowel(n - 2)) w.setCharAt(n - 1, 'i');
        }

        void step2() {
            String s = longest("tional", "enci", "anci", "abli", "entli", "izer", "ization", "ational", "ation", "ator",
                    "alli", "alism", "aliti", "fulness", "ousli", "ousness", "iveness", "iviti", "biliti", "bli", "ogi",
                    "fulli", "lessli", "li");
            if (s == null || !inR1(s)) return;
            switch (s) {
                case "tional" -> replace(s, "tion");
                case "enci" -> replace(s, "ence");
                case "anci" -> replace(s, "ance");
                case "abli" -> replace(s, "able");
                case "entli" -> replace(s, "ent");
                case "izer", "ization" -> replace(s, "ize");
                case "ational", "ation", "ator" -> replace(s, "ate");
                case "alli", "alism", "aliti" -> replace(s, "al");
                case "fulness" -> replace(s, "ful");
                case "ousli", "ousness" -> replace(s, "ous");
                case "iveness", "iviti" -> replace(s, "ive");
                case "biliti", "bli" -> replace(s, "ble");
                case "ogi" -> { if (start(s) > 0 && w.charAt(start(s) - 1) == 'l') replace(s, "og"); }
                case "fulli" -> replace(s, "ful");
                case "lessli" -> replace(s, "less");
                case "li" -> { if (start(s) > 0 && "cdeghkmnrt".indexOf(w.charAt(start(s) - 1)) >= 0) replace(s, ""); }
                default -> { }
            }
        }

        void step3() {
            String s = longest("tional", "ational", "alize", "icate", "iciti", "ical", "ful", "ness", "ative");
            if (s == null || !inR1(s)) return;
            switch (s) {
                case "tional" -> replace(s, "tion");
                case "ational" -> replace(s, "ate");
                case "alize" -> replace(s, "al");
                case "icate", "iciti", "ical" -> replace(s, "ic");
                case "ful", "ness" -> replace(s, "");
                case "ative" -> { if (inR2(s)) replace(s, ""); }
                default -> { }
            }
        }

        void step4() {
            String s = longest("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism",
                    "ate", "iti", "ous", "ive", "ize", "ion");
            if (s == null || !inR2(s)) return;
            if (s.equals("ion")) {
                if (start(s) > 0 && (w.charAt(start(s) - 1) == 's' || w.charAt(start(s) - 1) == 't')) replace(s, "");
            } else {
                replace(s, "");
            }
        }

        void step5() {
            if (ends("e")) {
                if (inR2("e") || (inR1("e") && !shortv(w.length() - 1))) replace("e", "");
            } else if (ends("l")) {
                if (inR2("l") && w.length() >= 2 && w.charAt(w.length() - 2) == 'l') replace("l", "");
            }
        }
    }
}
