package io.github.fakeims.benchmarks.coldstart;

import io.github.fakeims.benchmarks.ChildJvm;
import io.github.fakeims.benchmarks.Measurement;
import io.github.fakeims.benchmarks.Settings;
import io.github.fakeims.benchmarks.SignedJwts;
import io.github.fakeims.benchmarks.Stats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start to first token, each start in a fresh JVM: launches every contender's child main in turn
 * (round-robin, the starting contender rotating each round), several rounds, and reports medians and
 * our fake's time as a fraction of each other contender's.
 */
public final class ColdStartBenchmark {

    /** The base URL the cold-start JWT's {@code aud} names; our fake is configured to accept it. */
    static final String PUBLIC_BASE_URL = "http://ims.benchmark.test";
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    private final Settings settings;

    public ColdStartBenchmark(Settings settings) {
        this.settings = settings;
    }

    private record Sample(double launchToTokenMs, double inJvmToTokenMs, double inJvmToReadyMs) {
    }

    public List<Measurement> run() {
        Path dir = tempDir();
        SignedJwts keys = SignedJwts.create();
        Path certificate = write(dir.resolve("certificate.pem"), keys.keys().certificatePem());
        Path jwt = write(dir.resolve("jwt.txt"), keys.sign(URI.create(PUBLIC_BASE_URL), Duration.ofHours(2)));

        Map<Contender, String> classPaths = new EnumMap<>(Contender.class);
        for (Contender contender : Contender.values()) {
            classPaths.put(contender, settings.trimClassPathPerContender()
                    ? trimmedClassPath(contender, dir, certificate, jwt)
                    : ChildJvm.ownClassPath());
        }

        Map<Contender, List<Sample>> samples = new EnumMap<>(Contender.class);
        Contender[] order = Contender.values();
        for (int round = 0; round < settings.coldStartRounds(); round++) {
            for (int i = 0; i < order.length; i++) {
                Contender contender = order[(round + i) % order.length];
                samples.computeIfAbsent(contender, c -> new ArrayList<>())
                        .add(sample(runOnce(contender, classPaths.get(contender), List.of(), certificate, jwt)));
            }
        }
        return measurements(samples, classPaths);
    }

    /**
     * Runs the contender once on the full class path with class loading logged, then once on the trimmed
     * one; if the trimmed run fails (a jar it needs only resources from), it keeps the full class path.
     * Both runs also warm the OS file cache, so no measured round pays for a cold disk.
     */
    private String trimmedClassPath(Contender contender, Path dir, Path certificate, Path jwt) {
        Path log = dir.resolve(contender.id + "-class-load.log");
        log.toFile().deleteOnExit();
        runOnce(contender, ChildJvm.ownClassPath(), List.of(TrimmedClassPath.logOption(log)), certificate, jwt);
        String trimmed = TrimmedClassPath.fromLog(ChildJvm.ownClassPath(), log);
        try {
            runOnce(contender, trimmed, List.of(), certificate, jwt);
            return trimmed;
        } catch (IllegalStateException failedOnTrimmedClassPath) {
            System.err.println("cold start: " + contender.label + " fails on its trimmed class path, using the full one: "
                    + failedOnTrimmedClassPath.getMessage().lines().findFirst().orElse(""));
            return ChildJvm.ownClassPath();
        }
    }

    private ChildJvm.Run runOnce(Contender contender, String classPath, List<String> extraOptions, Path certificate, Path jwt) {
        List<String> options = new ArrayList<>(extraOptions);
        options.add(settings.childJvmOption());
        return ChildJvm.run(classPath, options, contender.main, contender.args(certificate, jwt), CHILD_TIMEOUT);
    }

    private static Sample sample(ChildJvm.Run run) {
        long launchToToken = run.nanosUntil(FirstToken.MARKER)
                .orElseThrow(() -> new IllegalStateException("the child printed no " + FirstToken.MARKER));
        Map<String, Double> inJvm = new HashMap<>();
        run.measurements().forEach(m -> inJvm.put(m.name(), m.value()));
        return new Sample(launchToToken / 1e6, inJvm.get("in_jvm_start_to_token_ms"), inJvm.get("in_jvm_start_to_ready_ms"));
    }

    private static List<Measurement> measurements(Map<Contender, List<Sample>> samples, Map<Contender, String> classPaths) {
        List<Measurement> out = new ArrayList<>();
        Map<Contender, Double> launch = new EnumMap<>(Contender.class);
        Map<Contender, Double> inJvm = new EnumMap<>(Contender.class);
        for (Contender contender : Contender.values()) {
            List<Sample> list = samples.get(contender);
            launch.put(contender, Stats.median(list.stream().map(Sample::launchToTokenMs).toList()));
            inJvm.put(contender, Stats.median(list.stream().map(Sample::inJvmToTokenMs).toList()));
            String prefix = "cold_start." + contender.id + ".";
            out.add(new Measurement(prefix + "launch_to_token_ms", launch.get(contender), "ms"));
            out.add(new Measurement(prefix + "in_jvm_start_to_token_ms", inJvm.get(contender), "ms"));
            out.add(new Measurement(prefix + "in_jvm_start_to_ready_ms",
                    Stats.median(list.stream().map(Sample::inJvmToReadyMs).toList()), "ms"));
            out.add(new Measurement(prefix + "rounds", list.size(), "count"));
            out.add(new Measurement(prefix + "class_path_entries", TrimmedClassPath.entries(classPaths.get(contender)), "count"));
        }
        for (Contender other : List.of(Contender.WIREMOCK, Contender.MOCK_OAUTH2_SERVER)) {
            String prefix = "cold_start.ratio.fake_ims_vs_" + other.id + ".";
            out.add(new Measurement(prefix + "launch_to_token", launch.get(Contender.FAKE_IMS) / launch.get(other), "ratio"));
            out.add(new Measurement(prefix + "in_jvm_start_to_token", inJvm.get(Contender.FAKE_IMS) / inJvm.get(other), "ratio"));
        }
        return out;
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("fake-ims-cold-start");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            file.toFile().deleteOnExit();
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
