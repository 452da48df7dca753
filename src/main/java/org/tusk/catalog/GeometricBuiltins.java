package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.tusk.utils.adt.ArrayIO;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.geo.Box;
import org.tusk.utils.adt.geo.Circle;
import org.tusk.utils.adt.geo.GeoText;
import org.tusk.utils.adt.geo.Line;
import org.tusk.utils.adt.geo.Lseg;
import org.tusk.utils.adt.geo.Path;
import org.tusk.utils.adt.geo.Point;
import org.tusk.utils.adt.geo.Polygon;

/**
 * The geometric types point, lseg, path, box, polygon, line and circle (pg_type.dat), their
 * operators with the functions implementing them (pg_operator.dat / pg_proc.dat: every
 * operator is also callable under its function's name, e.g. point_distance), the named
 * functions (area, center, npoints, ...) and the casts between them (pg_cast.dat). The bodies
 * are geo_ops.c's, in {@code org.tusk.utils.adt.geo}. Point has no btree operator class, so
 * ORDER BY, DISTINCT and GROUP BY over it fail as in PostgreSQL; only box, lseg, path and
 * circle have (area/length/count based) &lt; &lt;= = &gt;= &gt; operators.
 */
final class GeometricBuiltins {
    private GeometricBuiltins() {}

    static void register(BuiltinRegistry r) {
        types(r);
        points(r);
        lines(r);
        boxes(r);
        paths(r);
        polygons(r);
        circles(r);
        distances(r);
        casts(r);
    }

    private static void types(BuiltinRegistry r) {
        type(r, POINT, "point", 16, GeoText::pointIn, (v, d) -> GeoText.pointOut((Point) v, d));
        type(r, LSEG, "lseg", 32, GeoText::lsegIn, (v, d) -> GeoText.lsegOut((Lseg) v, d));
        type(r, PATH, "path", -1, GeoText::pathIn, (v, d) -> GeoText.pathOut((Path) v, d));
        type(r, BOX, "box", 32, GeoText::boxIn, (v, d) -> GeoText.boxOut((Box) v, d));
        type(r, POLYGON, "polygon", -1, GeoText::polygonIn, (v, d) -> GeoText.polygonOut((Polygon) v, d));
        type(r, LINE, "line", 24, GeoText::lineIn, (v, d) -> GeoText.lineOut((Line) v, d));
        type(r, CIRCLE, "circle", 24, GeoText::circleIn, (v, d) -> GeoText.circleOut((Circle) v, d));
    }

    private interface Out { String out(Object v, int extraFloatDigits); }

    private static void type(BuiltinRegistry r, int oid, String name, int len, Function<String, Object> in, Out out) {
        r.type(new PgType(oid, name, name, len, false, 'G', false, (s, z) -> in.apply(s),
                (v, os) -> out.out(v, os.extraFloatDigits())));
        // box's text contains commas, so box[] separates its elements by box's typdelim ';'
        char delim = oid == BOX ? ';' : ',';
        int arr = ArrayTypes.arrayOf(oid);
        r.type(new PgType(arr, "_" + name, name + "[]", -1, false, 'A', false,
                (s, z) -> ArrayIO.in(s, oid, x -> in.apply(x), delim),
                (v, os) -> ArrayIO.out(ArrayValue.of(v, oid), x -> out.out(x, os.extraFloatDigits()), delim)));
    }

    /** Registers operator {@code op} and its implementing function {@code proc} (pg_operator.oprcode). */
    private static void op(BuiltinRegistry r, String op, String proc, int l, int rt, int res, BuiltinFunction f) {
        r.op(op, l, rt, res, f);
        r.fn(proc, l == 0 ? List.of(rt) : List.of(l, rt), res, f);
    }

    @SuppressWarnings("unchecked")
    private static <A, B> BuiltinFunction bin(BiFunction<A, B, Object> f) { return (c, a) -> f.apply((A) a[0], (B) a[1]); }

    @SuppressWarnings("unchecked")
    private static <A> BuiltinFunction un(Function<A, Object> f) { return (c, a) -> f.apply((A) a[0]); }

    private static void points(BuiltinRegistry r) {
        op(r, "+", "point_add", POINT, POINT, POINT, bin(Point::add));
        op(r, "-", "point_sub", POINT, POINT, POINT, bin(Point::sub));
        op(r, "*", "point_mul", POINT, POINT, POINT, bin(Point::mul));
        op(r, "/", "point_div", POINT, POINT, POINT, bin(Point::div));
        op(r, "~=", "point_eq", POINT, POINT, BOOL, bin(Point::same));
        op(r, "<>", "point_ne", POINT, POINT, BOOL, bin((Point a, Point b) -> !a.same(b)));
        op(r, "<<", "point_left", POINT, POINT, BOOL, bin(Point::left));
        op(r, ">>", "point_right", POINT, POINT, BOOL, bin(Point::right));
        op(r, "|>>", "point_above", POINT, POINT, BOOL, bin(Point::above));
        r.op(">^", POINT, POINT, BOOL, bin(Point::above));
        op(r, "<<|", "point_below", POINT, POINT, BOOL, bin(Point::below));
        r.op("<^", POINT, POINT, BOOL, bin(Point::below));
        op(r, "?-", "point_horiz", POINT, POINT, BOOL, bin(Point::horizontal));
        op(r, "?|", "point_vert", POINT, POINT, BOOL, bin(Point::vertical));
        r.fn("ishorizontal", List.of(POINT, POINT), BOOL, bin(Point::horizontal));
        r.fn("isvertical", List.of(POINT, POINT), BOOL, bin(Point::vertical));
        r.fn("point", List.of(FLOAT8, FLOAT8), POINT, bin((Double x, Double y) -> new Point(x, y)));
        r.fn("slope", List.of(POINT, POINT), FLOAT8, bin(Point::slope));
        r.fn("point_slope", List.of(POINT, POINT), FLOAT8, bin(Point::slope));
        r.fn("box", List.of(POINT, POINT), BOX, bin(Box::of));
        r.fn("box", List.of(POINT), BOX, un((Point p) -> new Box(p, p)));
        r.fn("lseg", List.of(POINT, POINT), LSEG, bin(Lseg::new));
        r.fn("line", List.of(POINT, POINT), LINE, bin(Line::of));
        r.fn("circle", List.of(POINT, FLOAT8), CIRCLE, bin((Point p, Double rad) -> new Circle(p, rad)));
    }

    private static void lines(BuiltinRegistry r) {
        op(r, "=", "line_eq", LINE, LINE, BOOL, bin(Line::same));
        op(r, "#", "line_interpt", LINE, LINE, POINT, bin(Line::intersection));
        op(r, "?#", "line_intersect", LINE, LINE, BOOL, bin(Line::intersects));
        op(r, "?||", "line_parallel", LINE, LINE, BOOL, bin(Line::parallel));
        op(r, "?-|", "line_perp", LINE, LINE, BOOL, bin(Line::perpendicular));
        op(r, "?-", "line_horizontal", 0, LINE, BOOL, un(Line::horizontal));
        op(r, "?|", "line_vertical", 0, LINE, BOOL, un(Line::vertical));
        r.fn("isparallel", List.of(LINE, LINE), BOOL, bin(Line::parallel));
        r.fn("isperp", List.of(LINE, LINE), BOOL, bin(Line::perpendicular));
        r.fn("ishorizontal", List.of(LINE), BOOL, un(Line::horizontal));
        r.fn("isvertical", List.of(LINE), BOOL, un(Line::vertical));
        op(r, "<@", "on_pl", POINT, LINE, BOOL, bin((Point p, Line l) -> l.contains(p)));
        op(r, "?#", "inter_lb", LINE, BOX, BOOL, bin((Line l, Box b) -> b.intersects(l)));

        op(r, "=", "lseg_eq", LSEG, LSEG, BOOL, bin(Lseg::same));
        op(r, "<>", "lseg_ne", LSEG, LSEG, BOOL, bin((Lseg a, Lseg b) -> !a.same(b)));
        op(r, "<", "lseg_lt", LSEG, LSEG, BOOL, bin((Lseg a, Lseg b) -> a.compareLength(b) < 0));
        op(r, "<=", "lseg_le", LSEG, LSEG, BOOL, bin((Lseg a, Lseg b) -> a.compareLength(b) <= 0));
        op(r, ">", "lseg_gt", LSEG, LSEG, BOOL, bin((Lseg a, Lseg b) -> a.compareLength(b) > 0));
        op(r, ">=", "lseg_ge", LSEG, LSEG, BOOL, bin((Lseg a, Lseg b) -> a.compareLength(b) >= 0));
        op(r, "@@", "lseg_center", 0, LSEG, POINT, un(Lseg::center));
        op(r, "@-@", "lseg_length", 0, LSEG, FLOAT8, un(Lseg::length));
        op(r, "#", "lseg_interpt", LSEG, LSEG, POINT, bin((Lseg a, Lseg b) -> a.intersection(b)));
        op(r, "?#", "lseg_intersect", LSEG, LSEG, BOOL, bin((Lseg a, Lseg b) -> a.intersection(b) != null));
        op(r, "?||", "lseg_parallel", LSEG, LSEG, BOOL, bin(Lseg::parallel));
        op(r, "?-|", "lseg_perp", LSEG, LSEG, BOOL, bin(Lseg::perpendicular));
        op(r, "?-", "lseg_horizontal", 0, LSEG, BOOL, un(Lseg::horizontal));
        op(r, "?|", "lseg_vertical", 0, LSEG, BOOL, un(Lseg::vertical));
        r.fn("isparallel", List.of(LSEG, LSEG), BOOL, bin(Lseg::parallel));
        r.fn("isperp", List.of(LSEG, LSEG), BOOL, bin(Lseg::perpendicular));
        r.fn("ishorizontal", List.of(LSEG), BOOL, un(Lseg::horizontal));
        r.fn("isvertical", List.of(LSEG), BOOL, un(Lseg::vertical));
        r.fn("length", List.of(LSEG), FLOAT8, un(Lseg::length));
        r.fn("point", List.of(LSEG), POINT, un(Lseg::center));
        op(r, "<@", "on_ps", POINT, LSEG, BOOL, bin((Point p, Lseg l) -> l.contains(p)));
        op(r, "<@", "on_sl", LSEG, LINE, BOOL, bin(Lseg::on));
        op(r, "<@", "on_sb", LSEG, BOX, BOOL, bin((Lseg l, Box b) -> b.contains(l.p0()) && b.contains(l.p1())));
        op(r, "?#", "inter_sl", LSEG, LINE, BOOL, bin((Lseg l, Line line) -> l.intersection(line) != null));
        op(r, "?#", "inter_sb", LSEG, BOX, BOOL, bin((Lseg l, Box b) -> b.intersects(l)));
    }

    private static void boxes(BuiltinRegistry r) {
        op(r, "~=", "box_same", BOX, BOX, BOOL, bin(Box::same));
        op(r, "&&", "box_overlap", BOX, BOX, BOOL, bin(Box::overlaps));
        r.op("?#", BOX, BOX, BOOL, bin(Box::overlaps));
        op(r, "<<", "box_left", BOX, BOX, BOOL, bin(Box::left));
        op(r, "&<", "box_overleft", BOX, BOX, BOOL, bin(Box::overLeft));
        op(r, ">>", "box_right", BOX, BOX, BOOL, bin(Box::right));
        op(r, "&>", "box_overright", BOX, BOX, BOOL, bin(Box::overRight));
        op(r, "<<|", "box_below", BOX, BOX, BOOL, bin(Box::below));
        op(r, "&<|", "box_overbelow", BOX, BOX, BOOL, bin(Box::overBelow));
        op(r, "|>>", "box_above", BOX, BOX, BOOL, bin(Box::above));
        op(r, "|&>", "box_overabove", BOX, BOX, BOOL, bin(Box::overAbove));
        op(r, "<^", "box_below_eq", BOX, BOX, BOOL, bin(Box::belowEq));
        op(r, ">^", "box_above_eq", BOX, BOX, BOOL, bin(Box::aboveEq));
        op(r, "@>", "box_contain", BOX, BOX, BOOL, bin((Box a, Box b) -> a.contains(b)));
        op(r, "<@", "box_contained", BOX, BOX, BOOL, bin((Box a, Box b) -> b.contains(a)));
        op(r, "@>", "box_contain_pt", BOX, POINT, BOOL, bin((Box b, Point p) -> b.contains(p)));
        op(r, "<@", "on_pb", POINT, BOX, BOOL, bin((Point p, Box b) -> b.contains(p)));
        op(r, "=", "box_eq", BOX, BOX, BOOL, bin((Box a, Box b) -> a.compareArea(b) == 0));
        op(r, "<", "box_lt", BOX, BOX, BOOL, bin((Box a, Box b) -> a.compareArea(b) < 0));
        op(r, "<=", "box_le", BOX, BOX, BOOL, bin((Box a, Box b) -> a.compareArea(b) <= 0));
        op(r, ">", "box_gt", BOX, BOX, BOOL, bin((Box a, Box b) -> a.compareArea(b) > 0));
        op(r, ">=", "box_ge", BOX, BOX, BOOL, bin((Box a, Box b) -> a.compareArea(b) >= 0));
        op(r, "@@", "box_center", 0, BOX, POINT, un(Box::center));
        op(r, "#", "box_intersect", BOX, BOX, BOX, bin(Box::intersect));
        op(r, "+", "box_add", BOX, POINT, BOX, bin(Box::add));
        op(r, "-", "box_sub", BOX, POINT, BOX, bin(Box::sub));
        op(r, "*", "box_mul", BOX, POINT, BOX, bin(Box::mul));
        op(r, "/", "box_div", BOX, POINT, BOX, bin(Box::div));
        r.fn("area", List.of(BOX), FLOAT8, un(Box::area));
        r.fn("center", List.of(BOX), POINT, un(Box::center));
        r.fn("point", List.of(BOX), POINT, un(Box::center));
        r.fn("height", List.of(BOX), FLOAT8, un(Box::height));
        r.fn("width", List.of(BOX), FLOAT8, un(Box::width));
        r.fn("diagonal", List.of(BOX), LSEG, un(Box::diagonal));
        r.fn("lseg", List.of(BOX), LSEG, un(Box::diagonal));
        r.fn("bound_box", List.of(BOX, BOX), BOX, bin(Box::boundWith));
        r.fn("polygon", List.of(BOX), POLYGON, un(Box::toPolygon));
        r.fn("circle", List.of(BOX), CIRCLE, un(Box::toCircle));
    }

    private static void paths(BuiltinRegistry r) {
        op(r, "+", "path_add", PATH, PATH, PATH, bin((Path a, Path b) -> a.add(b)));
        op(r, "+", "path_add_pt", PATH, POINT, PATH, bin((Path p, Point q) -> p.add(q)));
        op(r, "-", "path_sub_pt", PATH, POINT, PATH, bin(Path::sub));
        op(r, "*", "path_mul_pt", PATH, POINT, PATH, bin(Path::mul));
        op(r, "/", "path_div_pt", PATH, POINT, PATH, bin(Path::div));
        op(r, "@>", "path_contain_pt", PATH, POINT, BOOL, bin((Path p, Point q) -> p.contains(q)));
        op(r, "<@", "on_ppath", POINT, PATH, BOOL, bin((Point q, Path p) -> p.contains(q)));
        op(r, "?#", "path_inter", PATH, PATH, BOOL, bin(Path::intersects));
        op(r, "@-@", "path_length", 0, PATH, FLOAT8, un(Path::length));
        op(r, "#", "path_npoints", 0, PATH, INT4, un(Path::npoints));
        op(r, "=", "path_n_eq", PATH, PATH, BOOL, bin((Path a, Path b) -> a.npoints() == b.npoints()));
        op(r, "<", "path_n_lt", PATH, PATH, BOOL, bin((Path a, Path b) -> a.npoints() < b.npoints()));
        op(r, "<=", "path_n_le", PATH, PATH, BOOL, bin((Path a, Path b) -> a.npoints() <= b.npoints()));
        op(r, ">", "path_n_gt", PATH, PATH, BOOL, bin((Path a, Path b) -> a.npoints() > b.npoints()));
        op(r, ">=", "path_n_ge", PATH, PATH, BOOL, bin((Path a, Path b) -> a.npoints() >= b.npoints()));
        r.fn("npoints", List.of(PATH), INT4, un(Path::npoints));
        r.fn("length", List.of(PATH), FLOAT8, un(Path::length));
        r.fn("area", List.of(PATH), FLOAT8, un(Path::area));
        r.fn("isclosed", List.of(PATH), BOOL, un(Path::closed));
        r.fn("isopen", List.of(PATH), BOOL, un((Path p) -> !p.closed()));
        r.fn("pclose", List.of(PATH), PATH, un(Path::close));
        r.fn("popen", List.of(PATH), PATH, un(Path::open));
        r.fn("polygon", List.of(PATH), POLYGON, un(Path::toPolygon));
    }

    private static void polygons(BuiltinRegistry r) {
        op(r, "~=", "poly_same", POLYGON, POLYGON, BOOL, bin(Polygon::same));
        op(r, "&&", "poly_overlap", POLYGON, POLYGON, BOOL, bin(Polygon::overlaps));
        op(r, "<<", "poly_left", POLYGON, POLYGON, BOOL, bin(Polygon::left));
        op(r, "&<", "poly_overleft", POLYGON, POLYGON, BOOL, bin(Polygon::overLeft));
        op(r, ">>", "poly_right", POLYGON, POLYGON, BOOL, bin(Polygon::right));
        op(r, "&>", "poly_overright", POLYGON, POLYGON, BOOL, bin(Polygon::overRight));
        op(r, "<<|", "poly_below", POLYGON, POLYGON, BOOL, bin(Polygon::below));
        op(r, "&<|", "poly_overbelow", POLYGON, POLYGON, BOOL, bin(Polygon::overBelow));
        op(r, "|>>", "poly_above", POLYGON, POLYGON, BOOL, bin(Polygon::above));
        op(r, "|&>", "poly_overabove", POLYGON, POLYGON, BOOL, bin(Polygon::overAbove));
        op(r, "@>", "poly_contain", POLYGON, POLYGON, BOOL, bin((Polygon a, Polygon b) -> a.contains(b)));
        op(r, "<@", "poly_contained", POLYGON, POLYGON, BOOL, bin((Polygon a, Polygon b) -> b.contains(a)));
        op(r, "@>", "poly_contain_pt", POLYGON, POINT, BOOL, bin((Polygon a, Point p) -> a.contains(p)));
        op(r, "<@", "pt_contained_poly", POINT, POLYGON, BOOL, bin((Point p, Polygon a) -> a.contains(p)));
        op(r, "@@", "poly_center", 0, POLYGON, POINT, un(Polygon::center));
        op(r, "#", "poly_npoints", 0, POLYGON, INT4, un(Polygon::npoints));
        r.fn("npoints", List.of(POLYGON), INT4, un(Polygon::npoints));
        r.fn("point", List.of(POLYGON), POINT, un(Polygon::center));
        r.fn("box", List.of(POLYGON), BOX, un(Polygon::boundbox));
        r.fn("path", List.of(POLYGON), PATH, un(Polygon::toPath));
        r.fn("circle", List.of(POLYGON), CIRCLE, un(Polygon::toCircle));
    }

    private static void circles(BuiltinRegistry r) {
        op(r, "~=", "circle_same", CIRCLE, CIRCLE, BOOL, bin(Circle::same));
        op(r, "&&", "circle_overlap", CIRCLE, CIRCLE, BOOL, bin(Circle::overlaps));
        op(r, "<<", "circle_left", CIRCLE, CIRCLE, BOOL, bin(Circle::left));
        op(r, "&<", "circle_overleft", CIRCLE, CIRCLE, BOOL, bin(Circle::overLeft));
        op(r, ">>", "circle_right", CIRCLE, CIRCLE, BOOL, bin(Circle::right));
        op(r, "&>", "circle_overright", CIRCLE, CIRCLE, BOOL, bin(Circle::overRight));
        op(r, "<<|", "circle_below", CIRCLE, CIRCLE, BOOL, bin(Circle::below));
        op(r, "&<|", "circle_overbelow", CIRCLE, CIRCLE, BOOL, bin(Circle::overBelow));
        op(r, "|>>", "circle_above", CIRCLE, CIRCLE, BOOL, bin(Circle::above));
        op(r, "|&>", "circle_overabove", CIRCLE, CIRCLE, BOOL, bin(Circle::overAbove));
        op(r, "@>", "circle_contain", CIRCLE, CIRCLE, BOOL, bin((Circle a, Circle b) -> a.contains(b)));
        op(r, "<@", "circle_contained", CIRCLE, CIRCLE, BOOL, bin((Circle a, Circle b) -> b.contains(a)));
        op(r, "@>", "circle_contain_pt", CIRCLE, POINT, BOOL, bin((Circle a, Point p) -> a.contains(p)));
        op(r, "<@", "pt_contained_circle", POINT, CIRCLE, BOOL, bin((Point p, Circle a) -> a.contains(p)));
        op(r, "=", "circle_eq", CIRCLE, CIRCLE, BOOL, bin((Circle a, Circle b) -> a.compareArea(b) == 0));
        op(r, "<>", "circle_ne", CIRCLE, CIRCLE, BOOL, bin((Circle a, Circle b) -> a.compareArea(b) != 0));
        op(r, "<", "circle_lt", CIRCLE, CIRCLE, BOOL, bin((Circle a, Circle b) -> a.compareArea(b) < 0));
        op(r, "<=", "circle_le", CIRCLE, CIRCLE, BOOL, bin((Circle a, Circle b) -> a.compareArea(b) <= 0));
        op(r, ">", "circle_gt", CIRCLE, CIRCLE, BOOL, bin((Circle a, Circle b) -> a.compareArea(b) > 0));
        op(r, ">=", "circle_ge", CIRCLE, CIRCLE, BOOL, bin((Circle a, Circle b) -> a.compareArea(b) >= 0));
        op(r, "@@", "circle_center", 0, CIRCLE, POINT, un(Circle::center));
        op(r, "+", "circle_add_pt", CIRCLE, POINT, CIRCLE, bin(Circle::add));
        op(r, "-", "circle_sub_pt", CIRCLE, POINT, CIRCLE, bin(Circle::sub));
        op(r, "*", "circle_mul_pt", CIRCLE, POINT, CIRCLE, bin(Circle::mul));
        op(r, "/", "circle_div_pt", CIRCLE, POINT, CIRCLE, bin(Circle::div));
        r.fn("area", List.of(CIRCLE), FLOAT8, un(Circle::area));
        r.fn("diameter", List.of(CIRCLE), FLOAT8, un(Circle::diameter));
        r.fn("radius", List.of(CIRCLE), FLOAT8, un(Circle::radius));
        r.fn("center", List.of(CIRCLE), POINT, un(Circle::center));
        r.fn("point", List.of(CIRCLE), POINT, un(Circle::center));
        r.fn("box", List.of(CIRCLE), BOX, un(Circle::toBox));
        r.fn("polygon", List.of(CIRCLE), POLYGON, un((Circle c) -> c.toPolygon(12)));
        r.fn("polygon", List.of(INT4, CIRCLE), POLYGON, bin((Integer n, Circle c) -> c.toPolygon(n)));
    }

    /** The &lt;-&gt; distance operators and ## closest-point operators between every supported pair. */
    private static void distances(BuiltinRegistry r) {
        op(r, "<->", "point_distance", POINT, POINT, FLOAT8, bin(Point::distance));
        op(r, "<->", "dist_pl", POINT, LINE, FLOAT8, bin((Point p, Line l) -> l.distance(p)));
        op(r, "<->", "dist_lp", LINE, POINT, FLOAT8, bin((Line l, Point p) -> l.distance(p)));
        op(r, "<->", "dist_ps", POINT, LSEG, FLOAT8, bin((Point p, Lseg l) -> l.distance(p)));
        op(r, "<->", "dist_sp", LSEG, POINT, FLOAT8, bin((Lseg l, Point p) -> l.distance(p)));
        op(r, "<->", "dist_pb", POINT, BOX, FLOAT8, bin((Point p, Box b) -> b.distance(p)));
        op(r, "<->", "dist_bp", BOX, POINT, FLOAT8, bin((Box b, Point p) -> b.distance(p)));
        op(r, "<->", "dist_ppath", POINT, PATH, FLOAT8, bin((Point p, Path a) -> a.distance(p)));
        op(r, "<->", "dist_pathp", PATH, POINT, FLOAT8, bin((Path a, Point p) -> a.distance(p)));
        op(r, "<->", "dist_ppoly", POINT, POLYGON, FLOAT8, bin((Point p, Polygon a) -> a.distance(p)));
        op(r, "<->", "dist_polyp", POLYGON, POINT, FLOAT8, bin((Polygon a, Point p) -> a.distance(p)));
        op(r, "<->", "dist_pc", POINT, CIRCLE, FLOAT8, bin((Point p, Circle c) -> c.distance(p)));
        op(r, "<->", "dist_cpoint", CIRCLE, POINT, FLOAT8, bin((Circle c, Point p) -> c.distance(p)));
        op(r, "<->", "lseg_distance", LSEG, LSEG, FLOAT8, bin((Lseg a, Lseg b) -> a.distance(b)));
        op(r, "<->", "dist_sl", LSEG, LINE, FLOAT8, bin((Lseg a, Line l) -> a.distance(l)));
        op(r, "<->", "dist_ls", LINE, LSEG, FLOAT8, bin((Line l, Lseg a) -> a.distance(l)));
        op(r, "<->", "dist_sb", LSEG, BOX, FLOAT8, bin((Lseg a, Box b) -> b.distance(a)));
        op(r, "<->", "dist_bs", BOX, LSEG, FLOAT8, bin((Box b, Lseg a) -> b.distance(a)));
        op(r, "<->", "line_distance", LINE, LINE, FLOAT8, bin((Line a, Line b) -> a.distance(b)));
        op(r, "<->", "box_distance", BOX, BOX, FLOAT8, bin((Box a, Box b) -> a.distance(b)));
        op(r, "<->", "path_distance", PATH, PATH, FLOAT8, bin((Path a, Path b) -> a.distance(b)));
        op(r, "<->", "poly_distance", POLYGON, POLYGON, FLOAT8, bin((Polygon a, Polygon b) -> a.distance(b)));
        op(r, "<->", "circle_distance", CIRCLE, CIRCLE, FLOAT8, bin((Circle a, Circle b) -> a.distance(b)));
        op(r, "<->", "dist_cpoly", CIRCLE, POLYGON, FLOAT8, bin((Circle c, Polygon p) -> c.distance(p)));
        op(r, "<->", "dist_polyc", POLYGON, CIRCLE, FLOAT8, bin((Polygon p, Circle c) -> c.distance(p)));

        op(r, "##", "close_pl", POINT, LINE, POINT, bin((Point p, Line l) -> l.closestPoint(p)));
        op(r, "##", "close_ps", POINT, LSEG, POINT, bin((Point p, Lseg l) -> l.closestPoint(p)));
        op(r, "##", "close_pb", POINT, BOX, POINT, bin((Point p, Box b) -> b.closestPoint(p)));
        op(r, "##", "close_lseg", LSEG, LSEG, POINT, bin((Lseg a, Lseg b) -> b.closestPoint(a)));
        op(r, "##", "close_ls", LINE, LSEG, POINT, bin((Line l, Lseg s) -> s.closestPoint(l)));
        op(r, "##", "close_sb", LSEG, BOX, POINT, bin((Lseg s, Box b) -> b.closestPoint(s)));
    }

    /** pg_cast.dat's casts among the geometric types, all by function. */
    private static void casts(BuiltinRegistry r) {
        r.cast(POINT, BOX, 'a', un((Point p) -> new Box(p, p)));
        r.cast(LSEG, POINT, 'e', un(Lseg::center));
        r.cast(PATH, POLYGON, 'a', un(Path::toPolygon));
        r.cast(BOX, POINT, 'e', un(Box::center));
        r.cast(BOX, LSEG, 'e', un(Box::diagonal));
        r.cast(BOX, POLYGON, 'a', un(Box::toPolygon));
        r.cast(BOX, CIRCLE, 'e', un(Box::toCircle));
        r.cast(POLYGON, POINT, 'e', un(Polygon::center));
        r.cast(POLYGON, PATH, 'a', un(Polygon::toPath));
        r.cast(POLYGON, BOX, 'e', un(Polygon::boundbox));
        r.cast(POLYGON, CIRCLE, 'e', un(Polygon::toCircle));
        r.cast(CIRCLE, POINT, 'e', un(Circle::center));
        r.cast(CIRCLE, BOX, 'e', un(Circle::toBox));
        r.cast(CIRCLE, POLYGON, 'e', un((Circle c) -> c.toPolygon(12)));
    }
}
