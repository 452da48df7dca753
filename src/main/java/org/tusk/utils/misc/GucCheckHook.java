package org.tusk.utils.misc;

/**
 * Validates, and may canonicalize, a proposed value before it is stored (PostgreSQL's check
 * hooks). It receives the already parsed value (Boolean, Integer, Double, String, or the Integer
 * code of an enum) and returns the value to store. On rejection it throws
 * {@link GucCheckException}; the caller reports {@code invalid value for parameter "x": "y"} with
 * the detail and hint the hook supplied, as {@code GUC_check_errdetail} does.
 *
 * <p>{@code settings} gives read access to the process's other values; it is null only while
 * boot values are canonicalized, before any settings object exists.
 */
@FunctionalInterface
public interface GucCheckHook {
    Object check(Object proposed, GucSettings settings) throws GucCheckException;
}
