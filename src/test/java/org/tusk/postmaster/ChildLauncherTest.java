package org.tusk.postmaster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.init.BackendType;

/** Which children start from the AOT cache: those a client waits for, not the housekeeping loops. */
class ChildLauncherTest {
    @Test
    void spareAndStartupUseTheCacheTheLoopsDoNot() {
        List<BackendType> launched = List.of(BackendType.SPARE_BACKEND, BackendType.STARTUP, BackendType.CHECKPOINTER,
                BackendType.BG_WRITER, BackendType.WAL_WRITER);
        assertEquals(List.of(true, true, false, false, false),
                launched.stream().map(ChildLauncher::usesAotCache).toList());
    }
}
