package io.github.fakeims.server.internal.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The JDK's own keytool, run as a process: how the server module makes certificates without a certificate library. */
public final class Keytool {

    private Keytool() {
    }

    /**
     * Runs keytool with {@code input} (or nothing) on its standard input; its output, or an
     * {@link IllegalStateException} carrying it.
     */
    public static String run(String input, String... arguments) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", windows ? "keytool.exe" : "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IllegalStateException("making certificates uses the JDK's keytool, and " + keytool + " is not there");
        }
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.add("-J-XX:TieredStopAtLevel=1"); // a short-lived JVM: the quick compiler is enough
        command.add("-noprompt");
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                if (input != null) {
                    in.write(input.getBytes(StandardCharsets.US_ASCII));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
