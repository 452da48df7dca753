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

    /**
     * The spare that should take the next connection: a ready one, preferring a reused backend (its
     * JVM has compiled the session's code already) and among equals the one that became ready last
     * (a stack keeps the warmest in use); null if none is ready (a spare still starting is not
     * handed connections: a backend coming back from its session may be ready long before it).
     */
    PMChild pickSpare() {
        PMChild ready = null;
        for (PMChild c : byPid.values()) {
            if (c.type != BackendType.SPARE_BACKEND) continue;
            if (c.spareState == PMChild.SpareState.READY && (ready == null || warmer(c, ready))) ready = c;
        }
        return ready;
    }

    /**
     * The ready spare to retire first when there are more than needed: the opposite end of
     * {@link #pickSpare()}'s order (a never-used one before a reused one, the longest-ready first).
     */
    PMChild coldestReadySpare() {
        PMChild coldest = null;
        for (PMChild c : byPid.values()) {
            if (c.type != BackendType.SPARE_BACKEND || c.spareState != PMChild.SpareState.READY) continue;
            if (coldest == null || warmer(coldest, c)) coldest = c;
        }
        return coldest;
    }

    private static boolean warmer(PMChild a, PMChild b) {
        boolean aUsed = a.sessionsServed > 0, bUsed = b.sessionsServed > 0;
        if (aUsed != bUsed) return aUsed;
        return a.readySeq > b.readySeq;
    }

    static boolean isSpare(PMChild c) {
        return c.type == BackendType.SPARE_BACKEND;
    }

    static boolean isClientBackend(PMChild c) {
        return c.type == BackendType.BACKEND;
    }
}
