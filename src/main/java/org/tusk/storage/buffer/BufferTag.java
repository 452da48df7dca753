package org.tusk.storage.buffer;

/**
 * Which disk block a buffer holds (PostgreSQL's BufferTag): tablespace, database and relation
 * file number, fork, and block number. Two tags are equal exactly when they name the same block.
 */
public record BufferTag(int spcOid, int dbOid, int relNumber, int forkNum, int blockNum) {
    /** The mapping table's hash: any good mix works, as long as every process computes the same. */
    int hash() {
        int h = spcOid;
        h = h * 0x9E3779B1 + dbOid;
        h = h * 0x9E3779B1 + relNumber;
        h = h * 0x9E3779B1 + forkNum;
        h = h * 0x9E3779B1 + blockNum;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }
}
