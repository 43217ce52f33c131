package io.github.fakeims.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a main class in a fresh JVM (this JVM's {@code java}, a given class path) and collects its output
 * lines with the moment each arrived. Every child has a timeout: past it the process is destroyed and
 * the run fails, so a hung contender can never hang the harness.
 */
public final class ChildJvm {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private ChildJvm() {
    }

    /** A line of the child's standard output and {@link System#nanoTime()} when this JVM read it. */
    public record TimedLine(String text, long readAtNanos) {
    }

    /** What a finished child printed. */
    public record Run(long launchedAtNanos, List<TimedLine> stdout, String stderr) {

        public List<Measurement> measurements() {
            List<Measurement> measurements = new ArrayList<>();
            stdout.forEach(line -> Measurement.parse(line.text()).ifPresent(measurements::add));
            return measurements;
        }

        /** Nanoseconds from launching the process to the first output line equal to {@code marker}. */
        public Optional<Long> nanosUntil(String marker) {
            return stdout.stream().filter(line -> line.text().equals(marker)).findFirst()
                    .map(line -> line.readAtNanos() - launchedAtNanos);
        }
    }

    /** The class path this JVM runs with: what children get unless told otherwise. */
    public static String ownClassPath() {
        return System.getProperty("java.class.path");
    }

    /** Runs {@code mainClass} to completion; fails on timeout or a non-zero exit code. */
    public static Run run(String classPath, List<String> jvmOptions, Class<?> mainClass, List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(JAVA.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        List<TimedLine> stdout = new CopyOnWriteArrayList<>();
        StringBuilder stderr = new StringBuilder();

        long launchedAt = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + JAVA, e);
        }
        Thread outReader = drain(process.getInputStream(), line -> stdout.add(new TimedLine(line, System.nanoTime())));
        Thread errReader = drain(process.getErrorStream(), line -> {
            synchronized (stderr) {
                stderr.append(line).append('\n');
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(mainClass.getSimpleName() + " did not finish within " + timeout
                        + "; destroyed. stderr:\n" + tail(stderr));
            }
            outReader.join(5_000);
            errReader.join(5_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + mainClass.getSimpleName(), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(mainClass.getSimpleName() + " exited with " + process.exitValue() + ". stderr:\n"
                    + tail(stderr) + "\nstdout:\n" + String.join("\n", stdout.stream().map(TimedLine::text).toList()));
        }
        return new Run(launchedAt, List.copyOf(stdout), stderr.toString());
    }

    private static Thread drain(InputStream stream, Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // The process went away; whatever it printed before is kept.
            }
        }, "child-jvm-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String tail(StringBuilder text) {
        synchronized (text) {
            return text.length() <= 4000 ? text.toString() : "…" + text.substring(text.length() - 4000);
        }
    }
}
