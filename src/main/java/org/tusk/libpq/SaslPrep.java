package org.tusk.libpq;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * SASLprep (RFC 4013, the "SASLprep" profile of stringprep, RFC 3454) for SCRAM passwords, with
 * PostgreSQL's leniency from {@code pg_saslprep()}: a password that is not valid UTF-8, or that
 * SASLprep prohibits, is used as raw bytes instead of being refused. PostgreSQL does this because
 * the encoding of a password is unknown during authentication; it is harmless as long as the same
 * rule is applied when the verifier is built and when the password is checked.
 *
 * <p>Steps, as RFC 4013 orders them: map non-ASCII spaces (C.1.2) to U+0020 and delete the
 * "commonly mapped to nothing" characters (B.1); normalize with NFKC; refuse prohibited output
 * (C.1.2, C.2.1, C.2.2, C.3 to C.9) and unassigned code points (A.1); check bidirectional text
 * (a string containing RandALCat characters must not contain LCat characters and must begin and
 * end with RandALCat).
 *
 * <p>Approximation: stringprep is pinned to Unicode 3.2, whereas this class takes normalization,
 * "unassigned" and bidirectional categories from the JDK's newer Unicode tables. Passwords made of
 * characters that already existed in Unicode 3.2 are prepared identically. A pure-ASCII password is
 * returned unchanged without any checks, exactly as PostgreSQL's fast path does (so ASCII control
 * characters are accepted).
 */
final class SaslPrep {
    private SaslPrep() {}

    /** Returns the SASLprep'd UTF-8 bytes of {@code password}, or {@code password} itself. */
    static byte[] prepareOrKeep(byte[] password) {
        String prepared = prepare(password);
        return prepared == null ? password : prepared.getBytes(StandardCharsets.UTF_8);
    }

    /** The prepared string, or null when the input is not valid UTF-8 or SASLprep refuses it. */
    static String prepare(byte[] password) {
        if (isAscii(password)) {
            return new String(password, StandardCharsets.US_ASCII);
        }
        String input;
        try {
            input = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(password)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        StringBuilder mapped = new StringBuilder();
        input.codePoints().forEach(cp -> {
            if (isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        });
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        if (normalized.codePoints().anyMatch(SaslPrep::isProhibited)) {
            return null;
        }
        return bidiOk(normalized) ? normalized : null;
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3454 table C.1.2 (PostgreSQL's non_ascii_space_ranges). */
    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B)
                || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** RFC 3454 table B.1. */
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFEFF;
    }

    /** RFC 4013 section 2.3: tables C.1.2, C.2.1, C.2.2, C.3 to C.9, plus A.1 (unassigned). */
    private static boolean isProhibited(int cp) {
        return isNonAsciiSpace(cp)
                || cp <= 0x1F || cp == 0x7F                                            // C.2.1
                || (cp >= 0x80 && cp <= 0x9F) || cp == 0x06DD || cp == 0x070F          // C.2.2
                || cp == 0x180E || cp == 0x200C || cp == 0x200D || cp == 0x2028 || cp == 0x2029
                || (cp >= 0x2060 && cp <= 0x2063) || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF
                || (cp >= 0xFFF9 && cp <= 0xFFFC) || (cp >= 0x1D173 && cp <= 0x1D17A)
                || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD)  // C.3
                || (cp >= 0x100000 && cp <= 0x10FFFD)
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE           // C.4
                || (cp >= 0xD800 && cp <= 0xDFFF)                                      // C.5
                || (cp >= 0xFFF9 && cp <= 0xFFFD)                                      // C.6
                || (cp >= 0x2FF0 && cp <= 0x2FFB)                                      // C.7
                || cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F        // C.8
                || (cp >= 0x202A && cp <= 0x202E)
                || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F)                   // C.9
                || Character.getType(cp) == Character.UNASSIGNED;                      // A.1
    }

    /** RFC 3454 section 6, with RandALCat = bidi R or AL and LCat = bidi L. */
    private static boolean bidiOk(String s) {
        boolean hasRandAL = s.codePoints().anyMatch(SaslPrep::isRandAL);
        if (!hasRandAL) {
            return true;
        }
        if (s.codePoints().anyMatch(cp -> Character.getDirectionality(cp) == Character.DIRECTIONALITY_LEFT_TO_RIGHT)) {
            return false;
        }
        return isRandAL(s.codePointAt(0)) && isRandAL(s.codePointBefore(s.length()));
    }

    private static boolean isRandAL(int cp) {
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }
}
