package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.INT4;
import static org.tusk.catalog.TypeOids.NAME;
import static org.tusk.catalog.TypeOids.OID;
import static org.tusk.catalog.TypeOids.TEXT;

import java.util.ArrayList;
import java.util.List;

import org.tusk.tsearch.Dictionaries;
import org.tusk.tsearch.TextSearchConfigs;
import org.tusk.utils.adt.RegProcs;
import org.tusk.utils.error.PgException;

/**
 * The text search catalogs with the rows of PostgreSQL 15's built-in objects that Tusk has
 * (pg_ts_parser.dat, pg_ts_template.dat, and the rows snowball_create.sql adds at initdb, with
 * the OIDs a PostgreSQL 15 initdb gives them): the default parser (3722), the templates simple
 * (3727) and snowball (13150), the dictionaries simple (3765) and english_stem (13163), the
 * configurations simple (3748) and english (13164), and their pg_ts_config_map rows. Computed at
 * each scan from {@link TextSearchConfigs}: CREATE TEXT SEARCH is not supported, so nothing here
 * changes and no lock is needed. The templates synonym, ispell and thesaurus and the other
 * languages' snowball dictionaries and configurations are absent, because Tusk cannot run them.
 */
public final class TextSearchCatalogs {
    private TextSearchCatalogs() {}

    private static ColumnDef c(String n, int t) { return new ColumnDef(n, t); }

    private static final long NSP = 11, OWNER = 10;
    static final long TEMPLATE_SIMPLE = 3727, TEMPLATE_SNOWBALL = 13150;
    private static final int REGPROC = RegProcs.REGPROC;

    static List<ComputedCatalog> all() {
        return List.of(
                new ComputedCatalog("pg_ts_parser", 3601, List.of(c("oid", OID), c("prsname", NAME), c("prsnamespace", OID),
                        c("prsstart", REGPROC), c("prstoken", REGPROC), c("prsend", REGPROC), c("prsheadline", REGPROC),
                        c("prslextype", REGPROC)),
                        // prsd_start 3717, prsd_nexttoken 3718, prsd_end 3719, prsd_headline 3720, prsd_lextype 3721
                        () -> List.<Object[]>of(new Object[] {(long) TextSearchConfigs.DEFAULT_PARSER, "default", NSP,
                                3717L, 3718L, 3719L, 3720L, 3721L})),
                new ComputedCatalog("pg_ts_template", 3764, List.of(c("oid", OID), c("tmplname", NAME),
                        c("tmplnamespace", OID), c("tmplinit", REGPROC), c("tmpllexize", REGPROC)),
                        () -> List.of(new Object[] {TEMPLATE_SIMPLE, "simple", NSP, 3725L, 3726L},
                                new Object[] {TEMPLATE_SNOWBALL, "snowball", NSP, 13148L, 13149L})),
                new ComputedCatalog("pg_ts_dict", 3600, List.of(c("oid", OID), c("dictname", NAME), c("dictnamespace", OID),
                        c("dictowner", OID), c("dicttemplate", OID), c("dictinitoption", TEXT)),
                        () -> List.of(new Object[] {(long) Dictionaries.SIMPLE, "simple", NSP, OWNER, TEMPLATE_SIMPLE, null},
                                new Object[] {(long) Dictionaries.ENGLISH_STEM, "english_stem", NSP, OWNER, TEMPLATE_SNOWBALL,
                                        "language = 'english', stopwords = 'english'"})),
                new ComputedCatalog("pg_ts_config", 3602, List.of(c("oid", OID), c("cfgname", NAME), c("cfgnamespace", OID),
                        c("cfgowner", OID), c("cfgparser", OID)),
                        () -> List.of(new Object[] {(long) TextSearchConfigs.SIMPLE, "simple", NSP, OWNER,
                                        (long) TextSearchConfigs.DEFAULT_PARSER},
                                new Object[] {(long) TextSearchConfigs.ENGLISH, "english", NSP, OWNER,
                                        (long) TextSearchConfigs.DEFAULT_PARSER})),
                new ComputedCatalog("pg_ts_config_map", 3603, List.of(c("mapcfg", OID), c("maptokentype", INT4),
                        c("mapseqno", INT4), c("mapdict", OID)), TextSearchCatalogs::configMap));
    }

    /** Every (configuration, token type, dictionary) of the built-in configurations, mapseqno from 1. */
    private static List<Object[]> configMap() {
        List<Object[]> rows = new ArrayList<>();
        for (int cfg : new int[] {TextSearchConfigs.SIMPLE, TextSearchConfigs.ENGLISH}) {
            for (int type : TextSearchConfigs.mappedTypes()) {
                int seq = 1;
                for (int dict : TextSearchConfigs.dictionaries(cfg, type)) {
                    rows.add(new Object[] {(long) cfg, type, seq++, (long) dict});
                }
            }
        }
        return rows;
    }

    /** regconfigsend's OID for regconfigout's text (a name, or a number for an unknown OID). */
    public static int regconfigOid(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) return (int) Long.parseLong(text);
        int oid = TextSearchConfigs.byName(text);
        if (oid < 0) throw PgException.error("42704", "text search configuration \"" + text + "\" does not exist");
        return oid;
    }

    /** regdictionarysend's OID for regdictionaryout's text. */
    public static int regdictionaryOid(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) return (int) Long.parseLong(text);
        int oid = Dictionaries.byName(text);
        if (oid < 0) throw PgException.error("42704", "text search dictionary \"" + text + "\" does not exist");
        return oid;
    }
}
