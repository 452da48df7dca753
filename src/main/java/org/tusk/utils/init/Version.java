package org.tusk.utils.init;

/**
 * Which PostgreSQL Tusk answers as. Drivers read {@code server_version} to decide which protocol
 * features and catalog queries to use, so Tusk reports the PostgreSQL release whose behaviour it
 * reproduces.
 */
public final class Version {
    private Version() {}

    public static final String PG_VERSION = "15.18";
    public static final int PG_VERSION_NUM = 150018;
    public static final String TUSK_VERSION = "0.1.0";
    /** What version() returns. */
    public static final String DESCRIPTION = "PostgreSQL " + PG_VERSION + " (Tusk " + TUSK_VERSION
            + ") on x86_64-pc-linux-gnu, compiled by javac " + Runtime.version().feature() + ", 64-bit";
}
