package org.tusk.tcop;

/** One column of a statement's result (what RowDescription carries). */
public record ResultColumn(String name, int typeOid, int typlen, int typmod) {}
