package org.tusk.port;

import java.util.Map;

/** Text for the errno values Tusk meets, as glibc's strerror prints them. */
public final class Errno {
    private Errno() {}

    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(1, "Operation not permitted"), Map.entry(2, "No such file or directory"),
            Map.entry(3, "No such process"), Map.entry(4, "Interrupted system call"),
            Map.entry(9, "Bad file descriptor"), Map.entry(10, "No child processes"),
            Map.entry(11, "Resource temporarily unavailable"), Map.entry(12, "Cannot allocate memory"),
            Map.entry(13, "Permission denied"), Map.entry(17, "File exists"), Map.entry(22, "Invalid argument"),
            Map.entry(24, "Too many open files"), Map.entry(28, "No space left on device"),
            Map.entry(32, "Broken pipe"), Map.entry(98, "Address already in use"),
            Map.entry(99, "Cannot assign requested address"), Map.entry(104, "Connection reset by peer"),
            Map.entry(107, "Transport endpoint is not connected"), Map.entry(110, "Connection timed out"),
            Map.entry(111, "Connection refused"), Map.entry(97, "Address family not supported by protocol"));

    public static final int EADDRINUSE = 98;
    public static final int EPIPE = 32;
    public static final int ECONNRESET = 104;

    public static String describe(int errno) {
        return TEXT.getOrDefault(errno, "errno " + errno);
    }
}
