package org.tusk.access.transam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetNewObjectId over a real shared region and WAL: user OIDs start at FirstNormalObjectId and skip the built-ins' range. */
class OidGeneratorTest {
    @TempDir
    Path dataDir;

    @Test
    void userOidsSkipTheRangeOfBuiltInFunctions() throws Exception {
        try (XactCluster cluster = new XactCluster(dataDir)) {
            OidGenerator oids = new OidGenerator(cluster.shmem.transamVariables(), cluster.backend(1).xlog());
            assertEquals(OidGenerator.FIRST_NORMAL_OBJECT_ID, oids.getNewObjectId());
            cluster.shmem.transamVariables().setCounters(FullTransactionId.FIRST_NORMAL, OidGenerator.FIRST_BUILTIN_AUTO_OID - 1);
            assertEquals(OidGenerator.FIRST_BUILTIN_AUTO_OID - 1, oids.getNewObjectId());
            int after = OidGenerator.FIRST_BUILTIN_AUTO_OID + OidGenerator.BUILTIN_AUTO_OIDS;
            assertEquals(after, oids.getNewObjectId());
            assertEquals(after + 1, oids.getNewObjectId());
        }
    }
}
