/**
 * Built-in data types and the functions on them, as PostgreSQL's {@code utils/adt}.
 *
 * <p>Each type has an internal Java representation (the "Datum" form) used everywhere in the
 * executor, and input/output functions converting to and from PostgreSQL's text format:
 * <pre>
 *   bool Boolean | int2 Short | int4 Integer | int8 Long | oid, xid Long (unsigned 32-bit)
 *   float4 Float | float8 Double | numeric BigDecimal (scale = display scale, never negative)
 *   text, varchar, name, unknown String | bytea byte[] | date LocalDate | time LocalTime
 *   timestamp LocalDateTime | timestamptz Instant (microsecond precision) | interval Interval
 *   inet Inet | void VoidValue.VOID | uuid java.util.UUID | json String (the text as given)
 *   timetz TimeTz (microseconds, zone seconds west) | money Cash (int64 cents) | bit, varbit VarBit
 *   point, lseg, line, box, path, polygon, circle: the records of {@code utils.adt.geo}
 *   jsonb Jsonb (a tree of Jsonb.NULL, Boolean, BigDecimal, String, List, key-ordered TreeMap)
 *   xid8 Long (unsigned 64-bit full transaction id) | pg_snapshot, txid_snapshot PgSnapshot
 *   arrays of any of these ArrayValue (element type, dims, lower bounds, row-major elements,
 *   null for NULL); text[]/name[]/int2[]/oid[] read from catalogs may also be String[],
 *   short[], int[], which ArrayValue.of accepts
 * </pre>
 * Array, jsonb and uuid values are immutable; their ordering (compareTo) and equality are the
 * btree ones (array_cmp, compareJsonbContainers, uuid_cmp), and hashCode agrees with equality.
 * ArrayIO and JsonbIO are array_in/array_out and json_in/jsonb_in/jsonb_out; ArrayFuncs and
 * JsonFuncs the SQL functions on them. JsonPopulate is jsonfuncs.c's populate_record machinery:
 * it builds values of any type from JSON, so the type facts it needs (composite columns, array
 * element types, domain bases, input functions, domain checks) come from its caller through
 * JsonPopulate.Types; it keeps no state between calls. JsonObjectArrays (json_object) and
 * JsonbScalarCasts (jsonb to bool and numbers) are the smaller json.c / jsonb.c pieces.
 * JsonStringTransform is transform_json(b)_string_values: a copy of a document with its string
 * values (never keys) rewritten; the json form copies non-string scalars as written and writes
 * no blanks between tokens, so it expects text json_in has accepted.
 * Assignment never changes a value in place: ArrayFuncs.setElement/setSlice (array_set_element,
 * array_set_slice) return a new ArrayValue. Only an empty or one-dimensional array grows on
 * assignment (with NULLs filling gaps); a multi-dimensional target must contain the slice, and
 * the source of a slice is read serially whatever its shape. The fixed-length types point, lseg,
 * box, line and name subscript as 0-based arrays of their members (GeoSubscript, NameSubscript)
 * and cannot grow. ArrayUserFuncs (trim_array), WidthBucket.ofArray (width_bucket_array),
 * FloatDegrees (sind ... atan2d, exact at the special angles) and NumericGcd (numeric gcd/lcm)
 * are pure functions of their arguments.
 * SQL NULL is Java null and never reaches these functions (every built-in is strict unless the
 * catalog says otherwise). Errors are raised as PgException with PostgreSQL's SQLSTATE and
 * message text. This package knows nothing about type OIDs or the catalog; the catalog binds
 * these functions to pg_type/pg_proc entries. The one exception is
 * {@link org.tusk.utils.adt.Enums} (enum.c): an enum value ({@link org.tusk.utils.adt.EnumValue})
 * is a pg_enum OID whose label and sort order live in the catalog, so enum_in/enum_out/enum_cmp
 * look them up through a {@link org.tusk.utils.adt.Enums.Lookup} the catalog installs once per
 * process, as PostgreSQL's do through the syscache and typcache. Labels ALTER TYPE ... ADD VALUE
 * made in the backend's open transaction are remembered (per process, cleared at every commit
 * and abort by the transaction code) and refused by enum_in, enum_first, enum_last and
 * enum_range with 55P04 (check_safe_enum_use); enum_out and comparisons do not check.
 * Output functions print exactly what PostgreSQL
 * prints for the session settings they are handed in {@link org.tusk.utils.adt.OutputSettings}
 * (TimeZone, extra_float_digits, DateStyle, IntervalStyle, bytea_output); overloads without settings print
 * with DateStyle=ISO, IntervalStyle=postgres, extra_float_digits=1 and bytea_output=hex.
 *
 * <p>Dates and times (date.c, timestamp.c, datetime.c): input is ParseDateTime/DecodeDateTime
 * ({@code DateTimeParse}) and DecodeInterval/DecodeISO8601Interval ({@code IntervalParse});
 * output is EncodeDateTime/EncodeInterval ({@code DateTimeFormat}); EXTRACT, date_trunc,
 * date_bin, AT TIME ZONE, make_*, age and justify_* are {@code DateTimeFuncs}. The infinities
 * are LocalDate/LocalDateTime/Instant MIN and MAX, stored on disk as PostgreSQL's integer
 * extremes. Input depends on the session's TimeZone, DateOrder, IntervalStyle and the
 * transaction start time ("now"), which PostgreSQL's input functions read as globals; here they
 * come with each call as an {@code InputSettings}, which the executor's context derives from the
 * session's settings and parse analysis gets from the statement's context.
 *
 * <p>time with time zone, bit/varbit and money (date.c timetz_*, varbit.c, cash.c) are
 * {@code TimeTzs}, {@code VarBits} and {@code Cashes}. Their values are immutable records or
 * classes whose compareTo is the btree comparison (timetz_cmp_internal: instant, then zone;
 * bit_cmp: common bytes unsigned, then length; money: int64) and whose equals/hashCode agree,
 * so sorting, grouping and hashing need nothing type-specific. A VarBit keeps the pad bits of its
 * last byte zero (VARBIT_PAD), which makes byte-wise equality bit-string equality. money is
 * formatted as lc_monetary C formats it (Tusk has no other monetary locale): '$', ',' every three
 * digits, '.' and two fraction digits, '-' before the symbol. timetz input without a zone takes
 * the session zone's offset on the current date, and a full zone name needs a date unless its
 * offset is fixed (DecodeTimeOnly).
 *
 * <p>numeric NaN, +Infinity and -Infinity are the three {@code NumericSpecial} instances, a
 * BigDecimal subclass whose overridden methods and {@code Numerics}' functions follow
 * numeric.c's rules; code that handles numerics must go through {@code Numerics} (cmp, add,
 * ...) rather than BigDecimal arithmetic on a finite receiver with a special argument.
 *
 * <p>Regular expressions (regexp.c) are PostgreSQL AREs rewritten into java.util.regex patterns
 * by {@code AreTranslator}; the rewrite covers bracket expressions, ARE escapes, anchors and
 * embedded options, not ARE's leftmost-longest matching of a whole RE. {@code RegExps} keeps the
 * last 32 compiled patterns per process (a backend is single-threaded, so the cache needs no
 * lock). SIMILAR TO patterns become AREs through {@code SimilarEscape}, as similar_to_escape does.
 * The jsonpath type and its executor live in the subpackage {@code utils.adt.jsonpath}, which
 * compiles like_regex patterns through {@code RegExps.compileWithFlags}.
 *
 * {@link org.tusk.utils.adt.WindowFuncs} (windowfuncs.c) works through the
 * {@link org.tusk.utils.adt.WindowObject} interface the executor implements;
 * {@link org.tusk.utils.adt.InRange} holds the in_range support functions of RANGE frames.
 *
 * <p>Set-returning functions produce iterators: {@link org.tusk.utils.adt.GenerateSeries} (values
 * computed one at a time; integer series end at the type's limit instead of overflowing),
 * {@link org.tusk.utils.adt.ArraySets}, {@link org.tusk.utils.adt.JsonSets} (json forms split
 * the document text, {@code JsonTopLevel}, so key order, duplicates and spelling survive) and
 * {@link org.tusk.utils.adt.TextSets}. {@link org.tusk.utils.adt.RecordValue} is a composite
 * Datum (its type OID, the column types and values) with record_out's text form and
 * btrecordcmp's ordering; {@link org.tusk.utils.adt.RowTypes} holds record_in and the record
 * comparison checks of rowtypes.c.
 *
 * <p>Statistical aggregates keep immutable states: {@link org.tusk.utils.adt.FloatAccum}
 * (float.c's {N, Sx, Sxx} and {N, Sx, Sxx, Sy, Syy, Sxy} arrays, updated with the Youngs-Cramer
 * algorithm, so results match PostgreSQL bit for bit) and {@link org.tusk.utils.adt.NumericAccum}
 * (numeric.c's exact N, sum(X), sum(X*X), with numeric_stddev_internal's result scales).
 * Data type formatting (to_char and friends) lives in the subpackage {@code formatting}.
 * {@link org.tusk.utils.adt.ByteaFuncs}, {@link org.tusk.utils.adt.CryptoHashes},
 * {@link org.tusk.utils.adt.UnicodeEscapes}, {@link org.tusk.utils.adt.IdentParse} and
 * {@link org.tusk.utils.adt.WidthBucket} are the bytea functions of varlena.c/encode.c, md5 and
 * SHA-2, unistr, parse_ident and width_bucket.
 *
 * <p>Range types (rangetypes.c): {@link org.tusk.utils.adt.RangeValue} is a deserialized range
 * that carries its range type's OID; {@link org.tusk.utils.adt.Ranges} makes ranges (make_range,
 * with the canonical functions of int4range, int8range and daterange) and holds the operators;
 * {@link org.tusk.utils.adt.RangeIO} is range_in/range_out's punctuation; and
 * {@link org.tusk.utils.adt.RangeTypes} is the pg_range data (subtype, canonical function,
 * multirange type) of the built-in range types and, through the lookup the session's type cache
 * installs, of user-defined ones. Invariant: a RangeValue is always normalised
 * (empty is flags EMPTY alone, infinite bounds exclusive, discrete ranges canonical), so that
 * equality, hashing and ordering need no canonicalisation. Bound values compare with the
 * subtype's btree order ({@link org.tusk.utils.adt.Comparisons}).
 */
package org.tusk.utils.adt;
