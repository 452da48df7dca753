package org.tusk.tsearch;

/**
 * The default parser's token types (wparser_def.c's #defines, tok_alias[] and lex_descr[]),
 * numbered as PostgreSQL numbers them: ts_token_type('default') and pg_ts_config_map.maptokentype
 * use these ids.
 */
public final class TokenTypes {
    private TokenTypes() {}

    public static final int ASCIIWORD = 1, WORD_T = 2, NUMWORD = 3, EMAIL = 4, URL_T = 5, HOST = 6,
            SCIENTIFIC = 7, VERSIONNUMBER = 8, NUMPARTHWORD = 9, PARTHWORD = 10, ASCIIPARTHWORD = 11,
            SPACE = 12, TAG_T = 13, PROTOCOL = 14, NUMHWORD = 15, ASCIIHWORD = 16, HWORD = 17,
            URLPATH = 18, FILEPATH = 19, DECIMAL_T = 20, SIGNEDINT = 21, UNSIGNEDINT = 22, XMLENTITY = 23;

    public static final int LASTNUM = 23;

    private static final String[] ALIAS = {"", "asciiword", "word", "numword", "email", "url", "host", "sfloat",
            "version", "hword_numpart", "hword_part", "hword_asciipart", "blank", "tag", "protocol", "numhword",
            "asciihword", "hword", "url_path", "file", "float", "int", "uint", "entity"};

    private static final String[] DESCR = {"", "Word, all ASCII", "Word, all letters", "Word, letters and digits",
            "Email address", "URL", "Host", "Scientific notation", "Version number",
            "Hyphenated word part, letters and digits", "Hyphenated word part, all letters",
            "Hyphenated word part, all ASCII", "Space symbols", "XML tag", "Protocol head",
            "Hyphenated word, letters and digits", "Hyphenated word, all ASCII", "Hyphenated word, all letters",
            "URL path", "File or path name", "Decimal notation", "Signed integer", "Unsigned integer", "XML entity"};

    /** tok_alias[type]. */
    public static String alias(int type) { return ALIAS[type]; }

    /** lex_descr[type]. */
    public static String description(int type) { return DESCR[type]; }
}
