/**
 * Tuple formats shared by the access methods (PostgreSQL's {@code access/common} and
 * {@code htup_details.h}): the heap tuple header ({@link org.tusk.access.common.HeapTupleHeader}),
 * tuple descriptors ({@link org.tusk.access.common.TupleDesc},
 * {@link org.tusk.access.common.Attribute}), the built-in types the tuple code can convert
 * ({@link org.tusk.access.common.DatumType}), varlena headers
 * ({@link org.tusk.access.common.Varlena}), heap_form_tuple / heap_deform_tuple
 * ({@link org.tusk.access.common.HeapTupleForm}, {@link org.tusk.access.common.HeapTupleDeform}),
 * and index_form_tuple / index_deform_tuple ({@link org.tusk.access.common.IndexTuples}: an
 * 8-byte IndexTupleData header, a 4-byte null bitmap when a value is null, then the data laid
 * out as in a heap tuple, the whole size MAXALIGNed and recorded in t_info).
 * Besides the scalar types, the stored forms of numeric (base-10000 digits,
 * {@link org.tusk.access.common.NumericFormat}), of arrays of any element type, with a null
 * bitmap and up to six dimensions, including int2vector and oidvector
 * ({@link org.tusk.access.common.ArrayFormat}), of composite values as HeapTupleHeader Datums
 * ({@link org.tusk.access.common.CompositeFormat}, read with the attribute types the session's
 * type cache resolves from datum_typeid; an anonymous record is formed from its own column
 * types), of arrays of composite values ({@code DatumType.COMPOSITE_ARRAY}: each element a
 * composite Datum with a 4-byte header at 'd' alignment, elemtype the row type's OID), of
 * tsvector and tsquery ({@link org.tusk.access.common.TsVectorFormat},
 * {@link org.tusk.access.common.TsQueryFormat}), and of jsonb's JsonbContainer tree
 * ({@link org.tusk.access.common.JsonbFormat}) are PostgreSQL's byte for byte (checked against
 * pages a PostgreSQL 15 server wrote); see {@link org.tusk.access.common.DatumType} for the full list and the Java value
 * of each type.
 *
 * <p>An {@link org.tusk.access.common.Attribute}'s attlen and attbyval are always its
 * DatumType's; its attalign may differ: a column of a user-defined base type holds the Datum of
 * the built-in type whose I/O functions it borrows, with the user type's own ALIGNMENT, and every
 * offset is computed from attalign (att_align_nominal), never from the DatumType.
 *
 * <h2>Layout of a heap tuple</h2>
 * <pre>
 * HeapTupleHeaderData (23 bytes) | null bitmap (if HEAP_HASNULL) | pad to MAXALIGN | data
 *                                                                  ^ t_hoff
 * </pre>
 * The data holds the non-null attributes in attribute order; each fixed-length value and each
 * 4-byte-header varlena starts at its attalign boundary measured from the tuple's start, 1-byte
 * header varlenas are not aligned, and padding is zero. Tuples are MAXALIGNed in memory and on
 * pages, so those boundaries are real memory alignment. Byte order is native (little-endian),
 * so a tuple is byte-identical to what PostgreSQL 15 on x86-64 stores.
 *
 * <h2>Invariants and who may modify what</h2>
 * <ul>
 * <li>t_hoff = MAXALIGN(23 + (HEAP_HASNULL ? (natts + 7) / 8 : 0)); the bitmap has a bit per
 *     attribute in the tuple's natts, 1 meaning not null.</li>
 * <li>HEAP_HASVARWIDTH is set iff some non-null value is a varlena; HEAP_HASNULL iff some value
 *     is null; HEAP_HASEXTERNAL iff some value is an on-disk TOAST pointer.</li>
 * <li>Varlenas may be stored compressed inline ({@link org.tusk.access.common.ToastCompression}:
 *     a 4-byte header with low bits 10, va_tcinfo = raw size | method &lt;&lt; 30, then a pglz stream,
 *     {@link org.tusk.access.common.PgLz}, byte-identical to PostgreSQL 15's) or as an 18-byte
 *     TOAST pointer ({@link org.tusk.access.common.ToastPointer}, varatt_external, unaligned).
 *     Such values travel among a row's Java values as {@link org.tusk.access.common.ToastedDatum}s,
 *     which the form routines copy verbatim; deforming always detoasts
 *     ({@link org.tusk.access.common.Detoast}), reading external values through the caller's
 *     {@link org.tusk.access.common.ToastFetcher} (toast_fetch_datum, implemented by the heap
 *     AM), which deforming also tells of every value it detoasted, with its pointer and stored
 *     size; {@code HeapTupleDeform.externalPointers} lists a tuple's pointers without decoding
 *     anything (heap_toast_delete, UPDATE). Index tuples compress a key longer than
 *     TOAST_INDEX_TARGET (510) with storage 'x' or 'm', never move one out of line.</li>
 * <li>pglz's compressor is pure and per call (its history tables are local), so it needs no lock.</li>
 * <li>A tuple on a shared page is read under the buffer's content lock (share) and its data is
 *     never changed in place; its header's transaction fields (xmax, ctid, infomask) change only
 *     under the exclusive content lock, except hint bits (XMIN/XMAX_COMMITTED/INVALID), which may
 *     be set under a share lock because losing one only costs a recheck.</li>
 * </ul>
 *
 * <p>A range value is stored as range_serialize lays it out ({@code RangeFormat}): rangetypid,
 * the finite bounds aligned from the varlena's start, the flags byte last; a range column is
 * aligned 'd' when its subtype is, else 'i' (DatumType RANGE and RANGE_INT_ALIGNED).
 */
package org.tusk.access.common;
