/**
 * The shared-memory region itself (PostgreSQL's {@code storage/ipc/shmem.c} and the
 * platform's {@code sysv_shmem.c}): a file under {@code /dev/shm} that every process of a server
 * maps, with a header naming its layout version and sizing. What lies in it is declared in
 * {@link org.tusk.storage.ipc.SharedMemoryMap}.
 *
 * <p>Rules: the region is created zero-filled and every structure in it treats zero as its valid
 * initial state; its layout is never computed from anything but the header's sizing; after a crash
 * the file is unlinked and a new one created, never reused.
 */
package org.tusk.storage.shmem;
