package org.tusk.pl.plpgsql;

import java.util.Map;

/**
 * plerrcodes.h: the condition names EXCEPTION WHEN and RAISE accept, with their SQLSTATEs. A
 * name stands for its code; a class name (one ending in five characters "xx000") also matches
 * every code of its class, as exception_matches_conditions does for category codes.
 */
final class ExceptionConditions {
    private ExceptionConditions() {}

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("successful_completion", "00000"), Map.entry("warning", "01000"),
            Map.entry("no_data", "02000"), Map.entry("sql_statement_not_yet_complete", "03000"),
            Map.entry("connection_exception", "08000"), Map.entry("feature_not_supported", "0A000"),
            Map.entry("invalid_transaction_initiation", "0B000"), Map.entry("case_not_found", "20000"),
            Map.entry("cardinality_violation", "21000"), Map.entry("data_exception", "22000"),
            Map.entry("array_subscript_error", "2202E"), Map.entry("character_not_in_repertoire", "22021"),
            Map.entry("datetime_field_overflow", "22008"), Map.entry("division_by_zero", "22012"),
            Map.entry("invalid_parameter_value", "22023"), Map.entry("invalid_text_representation", "22P02"),
            Map.entry("invalid_datetime_format", "22007"), Map.entry("numeric_value_out_of_range", "22003"),
            Map.entry("string_data_right_truncation", "22001"), Map.entry("null_value_not_allowed", "22004"),
            Map.entry("invalid_escape_sequence", "22025"), Map.entry("invalid_regular_expression", "2201B"),
            Map.entry("invalid_binary_representation", "22P03"), Map.entry("floating_point_exception", "22P01"),
            Map.entry("invalid_parameter_type", "22P06"), Map.entry("interval_field_overflow", "22015"),
            Map.entry("untranslatable_character", "22P05"), Map.entry("invalid_json_text", "22032"),
            Map.entry("integrity_constraint_violation", "23000"), Map.entry("restrict_violation", "23001"),
            Map.entry("not_null_violation", "23502"), Map.entry("foreign_key_violation", "23503"),
            Map.entry("unique_violation", "23505"), Map.entry("check_violation", "23514"),
            Map.entry("exclusion_violation", "23P01"), Map.entry("invalid_cursor_state", "24000"),
            Map.entry("invalid_transaction_state", "25000"), Map.entry("active_sql_transaction", "25001"),
            Map.entry("read_only_sql_transaction", "25006"), Map.entry("in_failed_sql_transaction", "25P02"),
            Map.entry("invalid_sql_statement_name", "26000"), Map.entry("triggered_data_change_violation", "27000"),
            Map.entry("invalid_authorization_specification", "28000"), Map.entry("invalid_cursor_name", "34000"),
            Map.entry("external_routine_exception", "38000"), Map.entry("external_routine_invocation_exception", "39000"),
            Map.entry("savepoint_exception", "3B000"), Map.entry("invalid_catalog_name", "3D000"),
            Map.entry("invalid_schema_name", "3F000"), Map.entry("transaction_rollback", "40000"),
            Map.entry("serialization_failure", "40001"), Map.entry("deadlock_detected", "40P01"),
            Map.entry("syntax_error_or_access_rule_violation", "42000"), Map.entry("syntax_error", "42601"),
            Map.entry("insufficient_privilege", "42501"), Map.entry("undefined_column", "42703"),
            Map.entry("undefined_function", "42883"), Map.entry("undefined_table", "42P01"),
            Map.entry("undefined_parameter", "42P02"), Map.entry("undefined_object", "42704"),
            Map.entry("duplicate_column", "42701"), Map.entry("duplicate_function", "42723"),
            Map.entry("duplicate_table", "42P07"), Map.entry("duplicate_object", "42710"),
            Map.entry("duplicate_schema", "42P06"), Map.entry("ambiguous_column", "42702"),
            Map.entry("ambiguous_function", "42725"), Map.entry("datatype_mismatch", "42804"),
            Map.entry("wrong_object_type", "42809"), Map.entry("invalid_column_reference", "42P10"),
            Map.entry("invalid_function_definition", "42P13"), Map.entry("invalid_name", "42602"),
            Map.entry("name_too_long", "42622"), Map.entry("reserved_name", "42939"),
            Map.entry("grouping_error", "42803"), Map.entry("cannot_coerce", "42846"),
            Map.entry("dependent_objects_still_exist", "2BP01"), Map.entry("object_not_in_prerequisite_state", "55000"),
            Map.entry("lock_not_available", "55P03"), Map.entry("object_in_use", "55006"),
            Map.entry("with_check_option_violation", "44000"), Map.entry("insufficient_resources", "53000"),
            Map.entry("out_of_memory", "53200"), Map.entry("program_limit_exceeded", "54000"),
            Map.entry("statement_too_complex", "54001"), Map.entry("operator_intervention", "57000"),
            Map.entry("query_canceled", "57014"), Map.entry("admin_shutdown", "57P01"),
            Map.entry("system_error", "58000"), Map.entry("plpgsql_error", "P0000"),
            Map.entry("raise_exception", "P0001"), Map.entry("no_data_found", "P0002"),
            Map.entry("too_many_rows", "P0003"), Map.entry("assert_failure", "P0004"),
            Map.entry("internal_error", "XX000"), Map.entry("data_corrupted", "XX001"),
            Map.entry("index_corrupted", "XX002"), Map.entry("invalid_cursor_definition", "42P11"),
            Map.entry("invalid_row_count_in_limit_clause", "2201W"), Map.entry("invalid_argument_for_logarithm", "2201E"),
            Map.entry("most_specific_type_mismatch", "2200G"), Map.entry("string_data_length_mismatch", "22026"),
            Map.entry("invalid_table_definition", "42P16"), Map.entry("invalid_foreign_key", "42830"),
            Map.entry("invalid_recursion", "42P19"), Map.entry("windowing_error", "42P20"),
            Map.entry("indeterminate_datatype", "42P18"), Map.entry("undefined_file", "58P01"));

    static boolean exists(String name) {
        return CODES.containsKey(name);
    }

    /** The SQLSTATE of a condition name, or null. */
    static String code(String name) {
        return CODES.get(name);
    }

    /**
     * exception_matches_conditions for one condition: OTHERS matches all but query_canceled and
     * assert_failure; a class code ("22000") matches its whole class.
     */
    static boolean matches(String condition, String sqlState) {
        if (condition.equals("others")) return !sqlState.equals("57014") && !sqlState.equals("P0004");
        String code = condition.length() == 5 && Character.isDigit(condition.charAt(0)) || condition.matches("[0-9A-Z]{5}")
                ? condition : CODES.get(condition);
        if (code == null) return false;
        if (code.equals(sqlState)) return true;
        return code.endsWith("000") && sqlState.startsWith(code.substring(0, 2));
    }
}
