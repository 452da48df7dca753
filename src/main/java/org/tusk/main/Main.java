package org.tusk.main;

import org.tusk.bin.initdb.InitDb;

import java.util.Arrays;

/**
 * The one executable (PostgreSQL's main/main.c): decides from its first argument which program
 * this process is.
 *
 * <pre>
 *   postmaster -D DIR [-p PORT] [-c name=value]...   the server
 *   initdb -D DIR [-U USER] [--auth METHOD] [--pwfile FILE]
 *   --forkchild=TYPE ...                             a child started by the postmaster
 * </pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: tusk postmaster -D DIR | initdb -D DIR | --forkchild=TYPE ...");
            System.exit(1);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (args[0].startsWith("--forkchild=")) {
            ChildMain.run(ChildArgs.parse(args));
            return;
        }
        switch (args[0]) {
            case "postmaster" -> PostmasterMain.run(rest);
            case "initdb" -> System.exit(InitDb.main(rest, System.out, System.err, PostgresSingleUser::run));
            // What a child JVM runs with by default, for the build's AOT training run.
            case "backend-jvm-options" -> System.out.println(String.join(" ",
                    PostmasterConfig.childJvmOptions(org.tusk.utils.misc.GucSettings.forPostmaster())));
            case "aot-train" -> {
                try {
                    AotTraining.run();
                } catch (java.io.IOException | RuntimeException e) {
                    System.err.println("tusk aot-train: " + e);
                    System.exit(1);
                }
                // A normal exit, which is when the JVM writes the AOT cache.
                System.exit(0);
            }
            default -> {
                System.err.println("tusk: unknown program \"" + args[0] + "\"");
                System.exit(1);
            }
        }
    }
}
