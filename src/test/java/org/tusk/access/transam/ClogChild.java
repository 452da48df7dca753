package org.tusk.access.transam;

import org.tusk.testsupport.MappedFile;

import java.nio.file.Path;

/**
 * The second process of {@link ClogConcurrencyTest#twoProcesses}: attaches to the test region,
 * assigns and finishes {@code count} ids, and prints each id on a line.
 */
public final class ClogChild {
    private ClogChild() {}

    public static void main(String[] args) {
        try (MappedFile shm = MappedFile.attach(Path.of(args[0]))) {
            TestTransam t = new TestTransam(shm, Integer.parseInt(args[2]), Path.of(args[1]));
            int count = Integer.parseInt(args[3]);
            System.out.println("ready");
            System.out.flush();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < count; i++) {
                int x = t.newXid();
                t.clog.setTreeStatus(x, new int[0], ClogConcurrencyTest.intended(x));
                out.append(x).append('\n');
            }
            System.out.print(out);
        }
    }
}
