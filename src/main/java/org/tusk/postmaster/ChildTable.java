package org.tusk.postmaster;

import org.tusk.utils.init.BackendType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The postmaster's list of live children (PostgreSQL's ActiveChildList), keyed by pid, in start order. */
final class ChildTable {
    private final Map<Integer, PMChild> byPid = new LinkedHashMap<>();

    void add(PMChild c) {
        byPid.put(c.pid, c);
    }

    PMChild remove(int pid) {
        return byPid.remove(pid);
    }

    Collection<PMChild> all() {
        return byPid.values();
    }

    boolean isEmpty() {
        return byPid.isEmpty();
    }

    int count(Predicate<PMChild> p) {
        int n = 0;
        for (PMChild c : byPid.values()) if (p.test(c)) n++;
        return n;
    }

    List<PMChild> select(Predicate<PMChild> p) {
        List<PMChild> out = new ArrayList<>();
        for (PMChild c : byPid.values()) if (p.test(c)) out.add(c);
        return out;
    }

    /** The spare that should take the next connection: a ready one first, else the one furthest along. */
    PMChild pickSpare() {
        PMChild starting = null;
        for (PMChild c : byPid.values()) {
            if (c.type != BackendType.SPARE_BACKEND) continue;
            if (c.spareState == PMChild.SpareState.READY) return c;
            if (starting == null && c.spareState == PMChild.SpareState.STARTING) starting = c;
        }
        return starting;
    }

    static boolean isSpare(PMChild c) {
        return c.type == BackendType.SPARE_BACKEND;
    }

    static boolean isClientBackend(PMChild c) {
        return c.type == BackendType.BACKEND;
    }
}
