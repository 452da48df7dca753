package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.Token.Kind;

/**
 * CREATE OPERATOR CLASS / FAMILY, ALTER OPERATOR FAMILY ... ADD / DROP, and DROP OPERATOR CLASS /
 * FAMILY (gram.y CreateOpClassStmt, CreateOpFamilyStmt, AlterOpFamilyStmt, DropOpClassStmt,
 * DropOpFamilyStmt, with opclass_item_list and opclass_drop_list). OPERATOR, CLASS, FAMILY,
 * STORAGE and SEARCH are unreserved keywords the lexer does not mark, so they are compared by
 * spelling.
 */
final class OpclassGrammar {
    private final Parser p;

    OpclassGrammar(Parser p) {
        this.p = p;
    }

    /** Whether the tokens after CREATE / ALTER / DROP are OPERATOR CLASS or OPERATOR FAMILY. */
    static boolean at(Parser p) {
        return word(p.peek(1), "operator") && (word(p.peek(2), "class") || word(p.peek(2), "family"));
    }

    private static boolean word(Token t, String w) {
        return t.is(Kind.IDENT) && w.equals(t.value()) && (t.keyword() == null || t.keyword().equals(w));
    }

    private boolean acceptWord(String w) {
        if (!word(p.peek(), w)) return false;
        p.advance();
        return true;
    }

    private void expectWord(String w) {
        if (!acceptWord(w)) throw p.syntaxError(p.peek());
    }

    /** CREATE OPERATOR CLASS ... or CREATE OPERATOR FAMILY name USING am. */
    Stmt create() {
        p.expectKw("create");
        p.advance();   // OPERATOR
        if (acceptWord("family")) {
            List<String> name = anyName();
            p.expectKw("using");
            return new Stmt.CreateOpFamilyStmt(name, p.colId());
        }
        expectWord("class");
        List<String> name = anyName();
        boolean isDefault = p.acceptKw("default");
        p.expectKw("for");
        p.expectKw("type");
        TypeName type = p.typeName();
        p.expectKw("using");
        String am = p.colId();
        List<String> family = acceptWord("family") ? anyName() : null;
        p.expectKw("as");
        List<Stmt.OpClassItem> items = new ArrayList<>();
        do {
            items.add(item());
        } while (p.acceptChar(','));
        return new Stmt.CreateOpClassStmt(name, isDefault, type, am, family, List.copyOf(items));
    }

    /** ALTER OPERATOR FAMILY name USING am ADD opclass_item_list | DROP opclass_drop_list. */
    Stmt alter() {
        p.expectKw("alter");
        p.advance();   // OPERATOR
        expectWord("family");
        List<String> name = anyName();
        p.expectKw("using");
        String am = p.colId();
        boolean drop = p.acceptKw("drop");
        if (!drop) expectWord("add");
        List<Stmt.OpClassItem> items = new ArrayList<>();
        do {
            items.add(drop ? dropItem() : item());
        } while (p.acceptChar(','));
        return new Stmt.AlterOpFamilyStmt(name, am, drop, List.copyOf(items));
    }

    /** DROP OPERATOR CLASS | FAMILY [IF EXISTS] any_name USING name [CASCADE | RESTRICT]. */
    Stmt drop() {
        p.expectKw("drop");
        p.advance();   // OPERATOR
        boolean family = acceptWord("family");
        if (!family) expectWord("class");
        boolean missingOk = p.acceptIfExists();
        List<String> name = anyName();
        p.expectKw("using");
        String am = p.colId();
        boolean cascade = p.acceptKw("cascade");
        if (!cascade) p.acceptKw("restrict");
        return new Stmt.DropOpClassStmt(family, name, am, missingOk, cascade);
    }

    /** opclass_item. */
    private Stmt.OpClassItem item() {
        int loc = p.peek().start();
        if (acceptWord("operator")) {
            int number = iconst();
            List<String> name = new DefineGrammar(p).anyOperator();
            List<TypeName> args = p.isChar('(') ? typePair() : List.of();
            List<String> orderFamily = null;
            if (p.acceptKw("for")) {
                if (p.acceptKw("order")) {
                    p.expectKw("by");
                    orderFamily = anyName();
                } else {
                    expectWord("search");
                }
            }
            return new Stmt.OpClassItem(Stmt.OpClassItemKind.OPERATOR, number, name, args, List.of(), orderFamily, null, loc);
        }
        if (p.acceptKw("function")) {
            int number = iconst();
            List<TypeName> classArgs = List.of();
            if (p.isChar('(')) classArgs = typeList();
            List<String> name = anyName();
            List<TypeName> fnArgs = p.isChar('(') ? typeList() : List.of();
            return new Stmt.OpClassItem(Stmt.OpClassItemKind.FUNCTION, number, name, classArgs, fnArgs, null, null, loc);
        }
        expectWord("storage");
        return new Stmt.OpClassItem(Stmt.OpClassItemKind.STORAGE, 0, null, List.of(), List.of(), null, p.typeName(), loc);
    }

    /** opclass_drop: OPERATOR n (types) | FUNCTION n (types). */
    private Stmt.OpClassItem dropItem() {
        int loc = p.peek().start();
        boolean op = acceptWord("operator");
        if (!op) p.expectKw("function");
        int number = iconst();
        return new Stmt.OpClassItem(op ? Stmt.OpClassItemKind.OPERATOR : Stmt.OpClassItemKind.FUNCTION, number, null,
                typeList(), List.of(), null, null, loc);
    }

    /** '(' Typename | NONE ',' Typename | NONE ')' of an operator member. */
    private List<TypeName> typePair() {
        p.expectChar('(');
        List<TypeName> l = new ArrayList<>();
        l.add(p.acceptKw("none") ? null : p.typeName());
        p.expectChar(',');
        l.add(p.acceptKw("none") ? null : p.typeName());
        p.expectChar(')');
        return java.util.Collections.unmodifiableList(l);
    }

    /** '(' [Typename [, ...]] ')'. */
    private List<TypeName> typeList() {
        p.expectChar('(');
        List<TypeName> l = new ArrayList<>();
        if (!p.isChar(')')) {
            do {
                l.add(p.typeName());
            } while (p.acceptChar(','));
        }
        p.expectChar(')');
        return List.copyOf(l);
    }

    private int iconst() {
        Token t = p.peek();
        if (!t.is(Kind.ICONST)) throw p.syntaxError(t);
        p.advance();
        return Integer.parseInt(t.value());
    }

    private List<String> anyName() {
        List<String> n = new ArrayList<>();
        n.add(p.colId());
        while (p.acceptChar('.')) n.add(p.colId());
        return n;
    }
}
