/**
 * {@code initdb} (PostgreSQL's {@code src/bin/initdb}): creates a data directory with
 * PostgreSQL's layout, configuration files, and the bootstrap superuser and databases.
 */
package org.tusk.bin.initdb;
