/**
 * The geometric types point, lseg, line, box, path, polygon and circle, as PostgreSQL's
 * {@code utils/adt/geo_ops.c} and {@code include/utils/geo_decls.h}.
 *
 * <p>Values are immutable records: {@link org.tusk.utils.adt.geo.Point} (x, y),
 * {@link org.tusk.utils.adt.geo.Lseg} (p0, p1), {@link org.tusk.utils.adt.geo.Line} (A, B, C of
 * Ax + By + C = 0), {@link org.tusk.utils.adt.geo.Box} (high = upper right, low = lower left;
 * every constructor keeps high &ge; low), {@link org.tusk.utils.adt.geo.Path} (points, closed
 * flag), {@link org.tusk.utils.adt.geo.Polygon} (points and their bounding box, computed once
 * by make_bound_box) and {@link org.tusk.utils.adt.geo.Circle} (center, radius &ge; 0 or NaN).
 * Path and Polygon hold arrays that are never written after construction.
 *
 * <p>Comparisons are fuzzy as in PostgreSQL: {@code Fp} is geo_decls.h's FPzero/FPeq/FPlt/...
 * with EPSILON 1.0E-06, except where geo_ops.c compares exactly (box_contain_point,
 * circle_contain_pt, the polygon position operators on bounding boxes). Arithmetic goes through
 * float.h's checked float8_pl/mi/mul/div (overflow, underflow and division-by-zero errors) and
 * distances through pg_hypot, so results match PostgreSQL's bit for bit; NaN is ordered above
 * every number where float8_lt/gt are used. Each operation names the geo_ops.c function it
 * mirrors.
 *
 * <p>{@code GeoText} is the input/output functions (text forms "(x,y)", "[(x1,y1),(x2,y2)]",
 * "(x1,y1),(x2,y2)", "{A,B,C}", "[...]" open and "(...)" closed paths, "&lt;(x,y),r&gt;"), numbers read
 * as float8in_internal and printed as float8out_internal with the session's
 * extra_float_digits. {@code GeoBinary} has the on-disk struct layouts (native byte order,
 * alignment 'd'; path and polygon are varlenas) used by the tuple code, and the big-endian
 * send/recv wire forms. {@code GeoSubscript} is raw_array_subscript_handler's view of point,
 * lseg, box and line as 0-based arrays of their members. {@code PolygonGeometry} holds the
 * point-in-polygon (winding number) and segment-in-polygon tests polygons and closed paths share.
 *
 * <p>No state is shared: everything here is a pure function of its arguments, so there is no
 * locking. The catalog binds these to pg_type/pg_proc/pg_operator/pg_cast entries in
 * {@code catalog.GeometricBuiltins}.
 */
package org.tusk.utils.adt.geo;
