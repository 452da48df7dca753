package org.tusk.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A finished command: exit code and combined output. */
public record ProcessResult(int exitCode, String output) {
    /** Runs {@code cmd} (PGPASSWORD set if given), waiting at most {@code timeoutSeconds}. */
    public static ProcessResult run(List<String> cmd, String pgPassword, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (pgPassword != null) pb.environment().put("PGPASSWORD", pgPassword);
        pb.environment().remove("PGDATA");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        return new ProcessResult(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
    }
}
