/**
 * The table access method interface (PostgreSQL's access/table and tableam.h). The executor and
 * the catalog code use tables only through {@link org.tusk.access.table.TableAm}; the heap
 * ({@code access.heap}) is its one implementation. Rows cross the interface as Java values, so
 * nothing above this layer depends on the page or tuple format.
 */
package org.tusk.access.table;
