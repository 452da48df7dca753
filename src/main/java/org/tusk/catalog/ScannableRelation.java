package org.tusk.catalog;

import java.util.Iterator;
import java.util.List;

/**
 * A relation the executor can scan sequentially (a system view, later a heap table).
 *
 * <p>{@link #scan()} yields one {@code Object[]} per row with one element per column, each either
 * null (SQL NULL), the column type's internal Java representation (see {@code org.tusk.utils.adt}),
 * or a String in the type's text input format, which the executor converts with the type's
 * input function. Each call to scan() starts a new, independent scan.
 */
public interface ScannableRelation {
    List<ColumnDef> columns();

    Iterator<Object[]> scan();
}
