package org.tusk.commands.explain;

/** EXPLAIN's output formats (ExplainFormat in explain.h). */
public enum ExplainFormat { TEXT, XML, JSON, YAML }
