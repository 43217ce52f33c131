package io.github.fakeims.server;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.github.fakeims.server.internal.standalone.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/** The standalone fake in a JVM of its own, as {@code java -jar} runs it, for tests; and its stdout as it comes. */
public final class StandaloneJvm {

    private static final String EOF = "\u0000EOF";

    private StandaloneJvm() {
    }

    /** {@code java -cp <test class path> Main args…}, with none of the FAKE_IMS_* variables of this environment. */
    public static ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("FAKE_IMS_HOST");
        builder.environment().remove("FAKE_IMS_PORT");
        builder.environment().remove("FAKE_IMS_CONFIG");
        return builder;
    }

    private static final java.util.regex.Pattern LISTENING = java.util.regex.Pattern.compile(
            "Fake IMS listening on http://127\\.0\\.0\\.1:(\\d+)");

    /** Starts {@code command} (stderr discarded) and waits up to 30 s for its banner; the port it listens on. */
    public static Started start(ProcessBuilder command) throws IOException, InterruptedException {
        command.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = command.start();
        Output output = Output.of(process);
        String listening = output.await(line -> LISTENING.matcher(line).find(), 30_000);
        if (listening == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the fake printed no 'Fake IMS listening on' line; stdout: " + output.seen());
        }
        java.util.regex.Matcher matcher = LISTENING.matcher(listening);
        matcher.find();
        return new Started(process, output, Integer.parseInt(matcher.group(1)));
    }

    /** A standalone fake that printed its banner. */
    public record Started(Process process, Output output, int port) {
    }

    /** A process's stdout, read on a daemon thread, line by line. */
    public static final class Output {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new CopyOnWriteArrayList<>();

        private Output() {
        }

        public static Output of(Process process) {
            Output output = new Output();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        output.lines.add(line);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    output.lines.add(EOF);
                }
            }, "fake-ims-stdout-reader");
            reader.setDaemon(true);
            reader.start();
            return output;
        }

        /** The first further line matching {@code wanted} before the deadline, or null at the deadline or the end. */
        public String await(Predicate<String> wanted, long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + MILLISECONDS.toNanos(timeoutMillis);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                String line = lines.poll(left, NANOSECONDS);
                if (line == null || line.equals(EOF)) {
                    if (line != null) {
                        lines.add(EOF);
                    }
                    return null;
                }
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }

        /** Every line read so far. */
        public List<String> seen() {
            return seen;
        }
    }
}
