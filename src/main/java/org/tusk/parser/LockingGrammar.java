package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Stmt;

/**
 * gram.y's for_locking_clause: {@code FOR UPDATE | FOR NO KEY UPDATE | FOR SHARE | FOR KEY SHARE
 * [OF name [, ...]] [NOWAIT | SKIP LOCKED]}, one or more, on the token stream of the calling
 * {@link Parser}.
 */
final class LockingGrammar {
    private final Parser p;

    LockingGrammar(Parser p) {
        this.p = p;
    }

    /** for_locking_items: called with FOR as the next token. */
    List<Stmt.LockingClause> clauses() {
        List<Stmt.LockingClause> out = new ArrayList<>();
        while (p.isKw("for")) out.add(clause());
        return out;
    }

    private Stmt.LockingClause clause() {
        int location = p.expectKw("for").start();
        Stmt.LockStrength strength;
        if (p.acceptKw("update")) {
            strength = Stmt.LockStrength.UPDATE;
        } else if (p.acceptKw("no")) {
            p.expectKw("key");
            p.expectKw("update");
            strength = Stmt.LockStrength.NO_KEY_UPDATE;
        } else if (p.acceptKw("key")) {
            p.expectKw("share");
            strength = Stmt.LockStrength.KEY_SHARE;
        } else {
            p.expectKw("share");
            strength = Stmt.LockStrength.SHARE;
        }
        List<Stmt.RangeVar> rels = new ArrayList<>();
        if (p.acceptKw("of")) {
            do {
                rels.add(p.qualifiedName());
            } while (p.acceptChar(','));
        }
        Stmt.LockWait wait = Stmt.LockWait.BLOCK;
        if (p.acceptKw("nowait")) {
            wait = Stmt.LockWait.ERROR;
        } else if (p.acceptKw("skip")) {
            p.expectKw("locked");
            wait = Stmt.LockWait.SKIP;
        }
        return new Stmt.LockingClause(List.copyOf(rels), strength, wait, location);
    }
}
