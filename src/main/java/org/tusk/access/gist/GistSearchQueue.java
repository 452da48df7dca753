package org.tusk.access.gist;

import org.tusk.storage.page.ItemPointer;

/**
 * The kNN search queue of a GiST scan: lib/pairingheap.c's pairing heap with gistscan.c's
 * pairingheap_GISTSearchItem_cmp, so that items of equal distance come out in the order
 * PostgreSQL's queue gives them. Items are compared distance by distance (a null distance after
 * every value, NaN after every number); among equals a heap entry comes before a page.
 */
final class GistSearchQueue {
    /** A page to visit (tid null) or a heap entry to return, with its distances. */
    record Item(int block, long parentLsn, ItemPointer tid, Object[] values, double[] distances, boolean[] nullDistances,
                boolean recheck) {
        static Item page(int block, long parentLsn, double[] d, boolean[] isNull) {
            return new Item(block, parentLsn, null, null, d, isNull, false);
        }

        static Item heap(ItemPointer tid, Object[] values, double[] d, boolean[] isNull) {
            return new Item(-1, 0, tid, values, d, isNull, false);
        }

        /** A heap entry whose distances are lower bounds only (xs_recheckorderby). */
        static Item lossyHeap(ItemPointer tid, Object[] values, double[] d, boolean[] isNull, boolean recheck) {
            return new Item(-1, 0, tid, values, d, isNull, recheck);
        }

        boolean isHeap() {
            return tid != null;
        }
    }

    private static final class Node {
        final Item item;
        Node firstChild, nextSibling, prevOrParent;

        Node(Item item) {
            this.item = item;
        }
    }

    private final int norderbys;
    private Node root;

    GistSearchQueue(int norderbys) {
        this.norderbys = norderbys;
    }

    /** pairingheap_GISTSearchItem_cmp: positive when {@code a} should come out first. */
    private int compare(Item a, Item b) {
        for (int i = 0; i < norderbys; i++) {
            boolean an = a.nullDistances()[i], bn = b.nullDistances()[i];
            if (an) {
                if (!bn) return -1;
            } else if (bn) {
                return 1;
            } else {
                int c = -GistGeometry.float8Cmp(a.distances()[i], b.distances()[i]);
                if (c != 0) return c;
            }
        }
        if (a.isHeap() && !b.isHeap()) return 1;
        if (!a.isHeap() && b.isHeap()) return -1;
        return 0;
    }

    /** merge: the larger root gets the other as its first child. */
    private Node merge(Node a, Node b) {
        if (a == null) return b;
        if (b == null) return a;
        if (compare(a.item, b.item) < 0) {
            Node t = a;
            a = b;
            b = t;
        }
        if (a.firstChild != null) a.firstChild.prevOrParent = b;
        b.prevOrParent = a;
        b.nextSibling = a.firstChild;
        a.firstChild = b;
        return a;
    }

    /** pairingheap_add. */
    void add(Item item) {
        Node n = new Node(item);
        root = merge(root, n);
        root.prevOrParent = null;
        root.nextSibling = null;
    }

    /** pairingheap_remove_first, or null when empty. */
    Item removeFirst() {
        if (root == null) return null;
        Node result = root;
        root = mergeChildren(result.firstChild);
        if (root != null) {
            root.prevOrParent = null;
            root.nextSibling = null;
        }
        return result.item;
    }

    /** merge_children: merge pairs left to right, then the pairs into one heap. */
    private Node mergeChildren(Node children) {
        if (children == null || children.nextSibling == null) return children;
        Node next = children, pairs = null;
        while (true) {
            Node curr = next;
            if (curr == null) break;
            if (curr.nextSibling == null) {
                curr.nextSibling = pairs;
                pairs = curr;
                break;
            }
            next = curr.nextSibling.nextSibling;
            curr = merge(curr, curr.nextSibling);
            curr.nextSibling = pairs;
            pairs = curr;
        }
        Node newRoot = pairs;
        next = pairs.nextSibling;
        while (next != null) {
            Node curr = next;
            next = curr.nextSibling;
            newRoot = merge(newRoot, curr);
        }
        return newRoot;
    }
}
