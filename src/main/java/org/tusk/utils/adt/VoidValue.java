package org.tusk.utils.adt;

/** The single non-null value of type void (what pg_sleep() returns); prints as an empty string. */
public enum VoidValue { VOID }
