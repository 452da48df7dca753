package org.tusk.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.transam.ControlFile;
import org.tusk.access.transam.DBState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tusk initdb} runs its post-bootstrap SQL in single-user mode, inside its own JVM: the
 * cluster it leaves is shut down cleanly (pg_control says so, the last checkpoint is a shutdown
 * checkpoint), holds no lock file, keeps the final pg_hba.conf even though the scripts ran under
 * a temporary trust rule, and has every database's catalogs (template0 and postgres are copies of
 * template1 after the scripts).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SingleUserInitdbIT {
    @Test
    void initdbLeavesACleanlyShutDownClusterWithTheInformationSchema(@TempDir Path tmp) throws Exception {
        Path home = Path.of(System.getProperty("tusk.home", ".")).toAbsolutePath();
        Path data = tmp.resolve("data"), pw = tmp.resolve("pw");
        Files.writeString(pw, "secret\n");
        ProcessResult r = ProcessResult.run(List.of(home.resolve("tusk").toString(), "initdb", "-D", data.toString(),
                "-U", "alice", "--auth", "scram-sha-256", "--pwfile", pw.toString()), null, 240);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Success."), r.output());
        assertFalse(r.output().contains("checkpoint"), "initdb passes log_checkpoints=false: " + r.output());
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "single-user mode gave its lock file back");
        assertEquals(DBState.DB_SHUTDOWNED, ControlFile.read(data).state());
        String hba = Files.readString(data.resolve("pg_hba.conf"));
        assertTrue(hba.contains("scram-sha-256") && !hba.startsWith("local all all trust"), hba);
        for (String db : List.of("1", "4", "5")) {
            assertTrue(Files.size(data.resolve("base").resolve(db).resolve("1259")) > 0, "pg_class of database " + db);
        }
    }
}
