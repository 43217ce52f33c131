package io.github.fakeims.benchmarks;

import io.github.fakeims.benchmarks.coldstart.ColdStartBenchmark;
import io.github.fakeims.benchmarks.container.ContainerBenchmark;
import io.github.fakeims.benchmarks.extension.ExtensionOverheadMain;
import io.github.fakeims.benchmarks.load.LoadBenchmarkMain;
import io.github.fakeims.benchmarks.memory.MemoryBenchmarkMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The benchmark harness of issue 7. Runs every section, each in fresh child JVMs so none inherits
 * another's JIT, heap or loaded classes, prints the Markdown report and writes the results as JSON.
 *
 * <pre>
 * java -cp … io.github.fakeims.benchmarks.BenchmarkMain [--smoke] [--results FILE]
 * </pre>
 * {@code --smoke} runs every measurement for a moment only (CI: proves the harness works; the numbers mean nothing).
 */
public final class BenchmarkMain {

    /** Every load client keeps its own connection (the JDK keeps only 5 idle per host by default). */
    private static final String KEEP_CONNECTIONS = "-Dhttp.maxConnections=64";

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        Settings settings = arguments.contains("--smoke") ? Settings.smoke() : Settings.full();
        int results = arguments.indexOf("--results");
        Optional<Path> resultsFile = results >= 0 && results + 1 < arguments.size()
                ? Optional.of(Path.of(arguments.get(results + 1))) : Optional.empty();
        Report report = run(settings, resultsFile);
        System.out.println();
        System.out.println(report.markdown());
        resultsFile.ifPresent(file -> System.out.println("Results written to " + file.toAbsolutePath().normalize()));
    }

    /** Runs every section and writes the results file, if one is given. */
    public static Report run(Settings settings, Optional<Path> resultsFile) {
        long start = System.nanoTime();
        Duration childTimeout = settings.isSmoke() ? Duration.ofMinutes(2) : Duration.ofMinutes(20);
        // The smoke run is part of every build: silent unless its test fails.
        Consumer<String> progress = settings.isSmoke() ? message -> { } : BenchmarkMain::progress;
        List<Measurement> measurements = new ArrayList<>();

        measurements.addAll(section(progress, "cold_start", "1/5 cold start to first token, fresh JVMs (ours, mock-oauth2-server, WireMock)",
                () -> new ColdStartBenchmark(settings).run()));
        measurements.addAll(section(progress, "load", "2/5 load: /ims/exchange/jwt and /ims/token/v3 with " + settings.clientCounts()
                + " clients, and the crypto limit", () -> child(LoadBenchmarkMain.class, settings, childTimeout, KEEP_CONNECTIONS)));
        measurements.addAll(section(progress, "extension", "3/5 extension overhead through the JUnit Platform Launcher",
                () -> child(ExtensionOverheadMain.class, settings, childTimeout)));
        measurements.addAll(section(progress, "memory", "4/5 memory: heap after " + settings.memoryExchanges() + " exchanges",
                () -> child(MemoryBenchmarkMain.class, settings, childTimeout, KEEP_CONNECTIONS, "-Xmx512m")));
        ContainerBenchmark container = new ContainerBenchmark(settings);
        Optional<String> noContainer = container.unavailable();
        if (noContainer.isPresent()) {
            progress.accept("5/5 container: skipped, " + noContainer.get());
        } else {
            measurements.addAll(section(progress, "container", "5/5 container: image size, docker run to healthy and to first token",
                    container::run));
        }

        Report report = new Report(settings, Machine.current(), measurements, Duration.ofNanos(System.nanoTime() - start));
        resultsFile.ifPresent(file -> ResultsFile.write(report, file));
        return report;
    }

    /** Runs one section and adds how busy the rest of the machine was meanwhile. */
    private static List<Measurement> section(Consumer<String> progress, String id, String description,
            Supplier<List<Measurement>> body) {
        progress.accept(description);
        Optional<BackgroundCpu> background = BackgroundCpu.start();
        List<Measurement> measurements = new ArrayList<>(body.get());
        background.flatMap(BackgroundCpu::otherCores)
                .ifPresent(cores -> measurements.add(new Measurement("background." + id + ".other_cpu_cores", cores, "cores")));
        return measurements;
    }

    private static List<Measurement> child(Class<?> main, Settings settings, Duration timeout, String... jvmOptions) {
        List<String> options = new ArrayList<>(Arrays.asList(jvmOptions));
        options.add(settings.childJvmOption());
        return ChildJvm.run(ChildJvm.ownClassPath(), options, main, List.of(), timeout).measurements();
    }

    private static void progress(String message) {
        System.err.println("[benchmark] " + message);
    }
}
