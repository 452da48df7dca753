package org.tusk.optimizer;

/**
 * The Hopcroft-Karp maximum cardinality matching of a bipartite graph (PostgreSQL's
 * lib/bipartite_match.c), which extract_rollup_sets uses to divide grouping sets into the
 * fewest rollup chains. U and V are numbered 1..size; 0 stands for "unmatched" (the NIL node).
 * {@code adjacency[u]} lists the v adjacent to u, scanned from the last entry to the first as
 * PostgreSQL scans them, so the matching found is PostgreSQL's.
 */
final class BipartiteMatch {
    final int[] pairUV;
    final int[] pairVU;
    private final int[][] adjacency;
    private final double[] distance;
    private final int[] queue;
    private final int uSize;

    BipartiteMatch(int uSize, int vSize, int[][] adjacency) {
        this.uSize = uSize;
        this.adjacency = adjacency;
        pairUV = new int[uSize + 1];
        pairVU = new int[vSize + 1];
        distance = new double[uSize + 1];
        queue = new int[uSize + 2];
        while (breadthSearch()) {
            for (int u = 1; u <= uSize; u++)
                if (pairUV[u] == 0) depthSearch(u);
        }
    }

    private boolean breadthSearch() {
        int qhead = 0, qtail = 0;
        distance[0] = Double.POSITIVE_INFINITY;
        for (int u = 1; u <= uSize; u++) {
            if (pairUV[u] == 0) {
                distance[u] = 0;
                queue[qhead++] = u;
            } else {
                distance[u] = Double.POSITIVE_INFINITY;
            }
        }
        while (qtail < qhead) {
            int u = queue[qtail++];
            if (distance[u] < distance[0]) {
                int[] adj = adjacency[u];
                for (int i = adj == null ? 0 : adj.length; i > 0; i--) {
                    int next = pairVU[adj[i - 1]];
                    if (Double.isInfinite(distance[next])) {
                        distance[next] = 1 + distance[u];
                        queue[qhead++] = next;
                    }
                }
            }
        }
        return !Double.isInfinite(distance[0]);
    }

    private boolean depthSearch(int u) {
        if (u == 0) return true;
        int[] adj = adjacency[u];
        for (int i = adj == null ? 0 : adj.length; i > 0; i--) {
            int v = adj[i - 1];
            if (distance[pairVU[v]] == distance[u] + 1 && depthSearch(pairVU[v])) {
                pairVU[v] = u;
                pairUV[u] = v;
                return true;
            }
        }
        distance[u] = Double.POSITIVE_INFINITY;
        return false;
    }
}
