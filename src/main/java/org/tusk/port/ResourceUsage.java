package org.tusk.port;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** getrusage(2) of this process: the CPU time it has used, all its threads together. */
public final class ResourceUsage {
    private ResourceUsage() {}

    private static final int RUSAGE_SELF = 0;
    /** struct rusage is 144 bytes on x86-64 and aarch64 Linux; ru_utime and ru_stime (timevals) come first. */
    private static final int RUSAGE_SIZE = 144;

    private static final class H {
        static final MethodHandle GETRUSAGE = Libc.bind("getrusage", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), false);
    }

    /** User and system CPU time, in microseconds. */
    public record CpuTime(long userMicros, long systemMicros) {}

    public static CpuTime self() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ru = a.allocate(RUSAGE_SIZE, 8);
            int rc = (int) H.GETRUSAGE.invokeExact(RUSAGE_SELF, ru);
            if (rc != 0) return new CpuTime(0, 0);
            return new CpuTime(ru.get(JAVA_LONG, 0) * 1_000_000 + ru.get(JAVA_LONG, 8),
                    ru.get(JAVA_LONG, 16) * 1_000_000 + ru.get(JAVA_LONG, 24));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
