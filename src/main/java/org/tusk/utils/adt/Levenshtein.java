package org.tusk.utils.adt;

/**
 * Edit distance between two strings (PostgreSQL's utils/adt/levenshtein.c varstr_levenshtein),
 * with every insertion, deletion and substitution costing 1. The parser ranks column names by it
 * for its "Perhaps you meant ..." hints.
 */
public final class Levenshtein {
    private Levenshtein() {}

    /** The number of single-character insertions, deletions and substitutions turning {@code source} into {@code target}. */
    public static int distance(String source, String target) {
        int m = source.length();
        int n = target.length();
        int[] prev = new int[n + 1];
        int[] curr = new int[n + 1];
        for (int j = 0; j <= n; j++) prev[j] = j;
        for (int i = 1; i <= m; i++) {
            curr[0] = i;
            char s = source.charAt(i - 1);
            for (int j = 1; j <= n; j++) {
                int sub = prev[j - 1] + (s == target.charAt(j - 1) ? 0 : 1);
                curr[j] = Math.min(sub, Math.min(prev[j] + 1, curr[j - 1] + 1));
            }
            int[] t = prev;
            prev = curr;
            curr = t;
        }
        return prev[n];
    }
}
