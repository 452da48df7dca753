package org.tusk.libpq;

/**
 * One token of a pg_hba.conf field, after dequoting.
 *
 * <p>The quoted flag matters because keywords ({@code all}, {@code sameuser}, {@code +role}, ...)
 * only have their special meaning when written without quotes: {@code "all"} names a database or
 * role that is literally called {@code all}.
 *
 * @param text   the token with quotes removed and doubled quotes collapsed
 * @param quoted whether any part of the token was quoted
 */
record HbaToken(String text, boolean quoted) {

    /** True if this token is the unquoted keyword {@code word}. */
    boolean isKeyword(String word) {
        return !quoted && text.equals(word);
    }

    /** True if this token names {@code name} literally (quoted or not). */
    boolean matches(String name) {
        return text.equals(name);
    }
}
