/**
 * Data type formatting: PostgreSQL's formatting.c. {@code to_char} for timestamp, timestamptz,
 * interval, numeric, int4, int8, float4 and float8, {@code to_number}, {@code to_date} and
 * {@code to_timestamp}.
 *
 * <p>A format picture is parsed by {@link org.tusk.utils.adt.formatting.FormatParser}
 * (parse_format) into {@link org.tusk.utils.adt.formatting.FormatNode}s using one of two
 * keyword tables: {@link org.tusk.utils.adt.formatting.DchKeywords} for dates and times,
 * {@link org.tusk.utils.adt.formatting.NumKeywords} for numbers. Keywords are matched by first
 * character, trying longer spellings first, exactly as index_seq_search does, so pictures split
 * into the same nodes as in PostgreSQL ("HH24" before "HH", "SSSSS" before "SSSS"). Date/time
 * keywords take the FM and TM prefixes and the TH, th and SP suffixes; double-quoted text and
 * other characters are literal.
 *
 * <p>Numbers: {@link org.tusk.utils.adt.formatting.NumDesc} (NUMDesc_prepare) records what the
 * picture asks for and rejects contradictory pictures with PostgreSQL's messages (SQLSTATE
 * 42601). {@link org.tusk.utils.adt.formatting.NumericFormatting} turns the value into the digit
 * string PostgreSQL builds (numeric_out after rounding; for floats glibc's printf digits, i.e.
 * the exact binary value rounded half-even, with PostgreSQL's snprintf spelling of NaN and
 * Infinity), pads it or replaces it by '#' on overflow, and
 * {@link org.tusk.utils.adt.formatting.NumProcessor} (NUM_processor) lays it out through the
 * picture, or reads an input string through it for to_number. The processor keeps the C
 * code's pointer walk over NUL-terminated buffers as index arithmetic, which is what makes
 * corner cases (FM, trailing signs, PR, th) come out identical.
 *
 * <p>Dates and times: {@link org.tusk.utils.adt.formatting.DchToChar} (DCH_to_char) writes a
 * {@link org.tusk.utils.adt.formatting.TmToChar}; {@link org.tusk.utils.adt.formatting.DchFromChar}
 * (DCH_from_char) reads input into a {@link org.tusk.utils.adt.formatting.TmFromChar}, and
 * {@link org.tusk.utils.adt.formatting.DateTimeFormatting} (do_to_timestamp) combines the
 * fields, validates them and resolves the zone (the session's, or TZH/TZM from the input).
 *
 * <p>Invariants: everything here is a pure function of its arguments and the time zone handed
 * in; there is no shared or cached state (PostgreSQL caches parsed pictures per backend; parsing
 * is cheap enough that Tusk does not), so no locking is involved. The C locale's symbols are
 * used for D, G, L, S and TM, which is what PostgreSQL gives with lc_numeric/lc_time = C.
 * Not built: the SQL/JSON standard parsing mode (jsonpath's datetime()), TZ/OF input (an error
 * in PostgreSQL 15 too), and localized TM names for other locales.
 */
package org.tusk.utils.adt.formatting;
