package org.tusk.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The set-up most integration test classes share: one server with the default settings, started
 * before the class's first test and stopped after its last; the tests connect to {@link #server}.
 * A subclass's own {@code @BeforeAll} runs after this one, so it can create its fixtures there.
 * Test classes run one after another (failsafe does not run classes in parallel here), so the
 * one static field serves each class in turn.
 */
abstract class OneServerPerClass {
    static TuskServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
        server = null;
    }
}
