package org.tusk.utils.misc;

/** One row of SHOW ALL: the name, the value as SHOW displays it, and the short description. */
public record ShowAllRow(String name, String setting, String description) {}
