package org.tusk.catalog;

import org.tusk.access.index.IndexAm;
import org.tusk.access.table.TableAm;
import org.tusk.utils.cache.Inval;
import org.tusk.utils.cache.RelCache;
import org.tusk.utils.error.PgException;
import org.tusk.utils.time.Snapshot;

import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What {@link HeapCatalog} needs from the backend around it, wired once per session.
 *
 * @param databaseOid             MyDatabaseId
 * @param userOid                 GetUserId(): owner of created relations
 * @param userName                the session user's name, for "$user" in search_path
 * @param searchPath              the current value of the search_path setting
 * @param backendId               this backend's number, naming its temporary schema pg_temp_N
 * @param snapshot                the catalog snapshot to read catalogs with
 * @param commandId               the current command id (GetCurrentCommandId(true))
 * @param commandCounterIncrement CommandCounterIncrement: makes this command's catalog changes
 *                                visible to later commands; it must also run {@link Inval#commandEnded}
 * @param newOid                  GetNewObjectId (VarSup, under OidGenLock)
 * @param notices                 where NOTICEs go (to the client)
 */
public record CatalogEnv(int databaseOid, IntSupplier userOid, Supplier<String> userName, Supplier<String> searchPath,
                         int backendId, TableAm table, IndexAm indexAm, Supplier<Snapshot> snapshot,
                         IntSupplier commandId, Runnable commandCounterIncrement, IntSupplier newOid,
                         RelationLocks locks, RelationStorage storage, RelCache relcache, Inval inval,
                         Consumer<PgException> notices) {}
