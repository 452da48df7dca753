package org.tusk.catalog;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Binds the names of a stored expression or query to the objects they meant at creation.
 *
 * <p>PostgreSQL stores CHECK constraints, column defaults, index expressions and predicates,
 * partition keys, view and rule actions and SQL-standard function bodies as node trees holding
 * OIDs (nodeToString in pg_attrdef.adbin, pg_constraint.conbin, pg_index.indexprs,
 * pg_rewrite.ev_action, pg_proc.prosqlbody ...), so a later change of search_path, or a same-named
 * object created in an earlier schema of the path, cannot change what they call or read. Tusk
 * keeps those catalogs' SQL text and analyses it again when it is used; to keep PostgreSQL's
 * meaning, the text is stored with every name that parse analysis resolved through the search
 * path to an object outside pg_catalog written schema-qualified: the text as written, with
 * {@code schema.} put before the name (a function or aggregate call, a type name, a table in FROM
 * or the target of INSERT/UPDATE/DELETE). pg_catalog names stay bare: pg_catalog is searched
 * first unless the path names it later, as pg_dump's output relies on. Display (pg_get_expr,
 * pg_get_viewdef, psql's \d) deparses the analysed tree and qualifies only names the current
 * path does not see, as ruleutils.c's generate_function_name and generate_relation_name do.
 *
 * <p>Why text rather than a serialized tree: Tusk's analysed trees lose what the deparser would
 * need to print the same statement back (whether a cast was written, a simple CASE, ROLLUP), so
 * storing deparsed text could change how \d shows an expression or, for a node the deparser does
 * not know, fail; qualifying the names in the written text changes nothing else. Renaming a
 * referenced object still breaks the text, where an OID would follow it.
 *
 * <p>Use: {@link #analyze} runs the creation-time analysis of exactly the text that will be
 * stored, with this collector installed in the session ({@link ObjectNames#withPins}); the
 * analyser reports each resolution through {@link #note}, which keeps only those made while
 * analysing that text (not a view's or function's own stored text read along the way).
 */
public final class StoredNamePins {
    /** An analysis result and the text to store for it. */
    public record Pinned<T>(T result, String text) {}

    private final String text;
    /** An edit of {@link #text}: {@code length} characters from its offset replaced by {@code with}. */
    private record Edit(int length, String with) {}

    /** Character offset in {@link #text} -> the edit made there. */
    private final Map<Integer, Edit> inserts = new TreeMap<>();

    private StoredNamePins(String text) {
        this.text = text;
    }

    /**
     * Runs {@code analysis}, which must analyse {@code text} itself (the analyser's source string
     * equal to it), and returns its result with the text to store: {@code text} with the names
     * that resolved outside pg_catalog schema-qualified.
     */
    public static <T> Pinned<T> analyze(String text, Supplier<T> analysis) {
        if (text == null) return new Pinned<>(analysis.get(), null);
        StoredNamePins pins = new StoredNamePins(text);
        T result = ObjectNames.current().withPins(pins, analysis);
        return new Pinned<>(result, pins.pinnedText());
    }

    /**
     * As {@link #analyze} for text analysed behind a fixed prefix ({@code "SELECT " + exprs},
     * as pg_index.indexprs is read): {@code analysis} analyses {@code prefix + text}.
     */
    public static <T> Pinned<T> analyze(String prefix, String text, java.util.function.Function<String, T> analysis) {
        if (text == null) return new Pinned<>(analysis.apply(null), null);
        String whole = prefix + text;
        StoredNamePins pins = new StoredNamePins(whole);
        T result = ObjectNames.current().withPins(pins, () -> analysis.apply(whole));
        String pinned = pins.pinnedText();
        return new Pinned<>(result, pinned.substring(prefix.length()));
    }

    /**
     * Parse analysis resolved an unqualified name written at {@code location} of {@code src} to an
     * object of namespace {@code namespaceOid}: while that text is being pinned, the name gets
     * its schema. Names in pg_catalog stay bare.
     */
    public static void note(String src, int location, int namespaceOid) {
        if (location < 0 || namespaceOid == 0 || namespaceOid == SystemCatalogs.PG_CATALOG_NAMESPACE) return;
        ObjectNames names = ObjectNames.current();
        StoredNamePins pins = names.pins();
        if (pins == null || src == null || !pins.text.equals(src) || location >= src.length()) return;
        String schema = names.namespaceName(namespaceOid);
        if (schema == null) return;
        pins.inserts.put(location, new Edit(0, org.tusk.utils.adt.RegTypes.quote(schema) + "."));
    }

    /**
     * A string literal written at {@code location} of {@code src} was read as a regclass (as
     * nextval('seq') reads its argument) naming, without a schema, relation {@code relOid}
     * outside pg_catalog: while that text is being pinned, the literal becomes the relation's
     * qualified name, the Const of an OID PostgreSQL stores. {@code literalLength} gives the
     * literal token's length in {@code src} (the caller lexes it only when {@link #collecting}).
     */
    public static void noteRegclassLiteral(String src, int location, int literalLength, int relOid) {
        ObjectNames names = ObjectNames.current();
        StoredNamePins pins = names.pins();
        if (pins == null || location < 0 || !pins.text.equals(src)) return;
        var rel = names.relation(relOid).orElse(null);
        if (rel == null || rel.namespace() == SystemCatalogs.PG_CATALOG_NAMESPACE) return;
        String schema = names.namespaceName(rel.namespace());
        if (schema == null) return;
        String qualified = org.tusk.utils.adt.RegTypes.quote(schema) + "." + org.tusk.utils.adt.RegTypes.quote(rel.name());
        pins.inserts.put(location, new Edit(literalLength, "'" + qualified.replace("'", "''") + "'"));
    }

    /** Whether text {@code src} is being pinned now (so that a caller's extra work for {@link #noteRegclassLiteral} pays). */
    public static boolean collecting(String src) {
        StoredNamePins pins = ObjectNames.current().pins();
        return pins != null && pins.text.equals(src);
    }

    /** The namespace of user-defined routine {@code procOid} (0 for a built-in or an unknown OID). */
    public static int routineNamespace(int procOid) {
        if (Integer.compareUnsigned(procOid, CastDdl.FIRST_NORMAL_OBJECT_ID) < 0) return 0;
        var rows = ObjectNames.current().rows(SystemCatalogs.PG_PROC,
                v -> CatalogScan.oid(SystemCatalogs.PG_PROC.get(v, "oid")) == procOid);
        return rows.isEmpty() ? 0 : CatalogScan.oid(SystemCatalogs.PG_PROC.get(rows.get(0), "pronamespace"));
    }

    private String pinnedText() {
        if (inserts.isEmpty()) return text;
        StringBuilder sb = new StringBuilder(text.length() + 16 * inserts.size());
        int from = 0;
        for (Map.Entry<Integer, Edit> e : inserts.entrySet()) {
            if (e.getKey() < from) continue;   // inside an edit already made
            sb.append(text, from, e.getKey()).append(e.getValue().with());
            from = e.getKey() + e.getValue().length();
        }
        return sb.append(text, from, text.length()).toString();
    }
}
