package org.tusk.utils.adt.formatting;

/** NUM_keywords of formatting.c: the number-picture keywords, grouped by first character, longest first. */
final class NumKeywords {
    private NumKeywords() {}

    static final int COMMA = 0, DEC = 1, N0 = 2, N9 = 3, B = 4, C = 5, D = 6, E = 7, FM = 8, G = 9, L = 10, MI = 11,
            PL = 12, PR = 13, RN = 14, SG = 15, SP = 16, S = 17, TH = 18, V = 19, rn = 20, th = 21;

    static final FormatParser.Table TABLE = new FormatParser.Table(new KeyWord[] {
            new KeyWord(",", COMMA), new KeyWord(".", DEC), new KeyWord("0", N0), new KeyWord("9", N9),
            new KeyWord("B", B), new KeyWord("C", C), new KeyWord("D", D), new KeyWord("EEEE", E),
            new KeyWord("FM", FM), new KeyWord("G", G), new KeyWord("L", L), new KeyWord("MI", MI),
            new KeyWord("PL", PL), new KeyWord("PR", PR), new KeyWord("RN", RN), new KeyWord("SG", SG),
            new KeyWord("SP", SP), new KeyWord("S", S), new KeyWord("TH", TH), new KeyWord("V", V),
            new KeyWord("b", B), new KeyWord("c", C), new KeyWord("d", D), new KeyWord("eeee", E),
            new KeyWord("fm", FM), new KeyWord("g", G), new KeyWord("l", L), new KeyWord("mi", MI),
            new KeyWord("pl", PL), new KeyWord("pr", PR), new KeyWord("rn", rn), new KeyWord("sg", SG),
            new KeyWord("sp", SP), new KeyWord("s", S), new KeyWord("th", th), new KeyWord("v", V)});
}
