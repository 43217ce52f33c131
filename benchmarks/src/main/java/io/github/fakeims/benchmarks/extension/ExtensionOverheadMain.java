package io.github.fakeims.benchmarks.extension;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.fakeims.benchmarks.Measurement;
import io.github.fakeims.benchmarks.Settings;
import io.github.fakeims.benchmarks.Stats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Child main (a fresh JVM, so the first class really is the extension's first use): runs pairs of
 * generated test classes through the JUnit Platform Launcher, with and without AdobeImsExtension, one
 * class per launch, pairs alternating which goes first. Reports what the extension adds per class (the
 * first, then the median of the rest) and per test.
 */
public final class ExtensionOverheadMain {

    private static final int JUNIT_WARMUP_RUNS = 10;

    private record ClassRun(double wallMillis, List<Double> testMillis) {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.current();
        int pairs = settings.extensionClassPairs();
        Path dir = Files.createTempDirectory("fake-ims-extension-fixtures");
        FixtureClasses fixtures = FixtureClasses.compile(dir, pairs, settings.testsPerClass());
        Launcher launcher = LauncherFactory.create();

        for (int i = 0; i < JUNIT_WARMUP_RUNS; i++) {
            run(launcher, fixtures.warmup()); // JUnit's own first-run costs are not the extension's
        }
        List<ClassRun> with = new ArrayList<>();
        List<ClassRun> plain = new ArrayList<>();
        for (int i = 1; i <= pairs; i++) {
            if (i % 2 == 1) {
                with.add(run(launcher, fixtures.withExtension(i)));
                plain.add(run(launcher, fixtures.plain(i)));
            } else {
                plain.add(run(launcher, fixtures.plain(i)));
                with.add(run(launcher, fixtures.withExtension(i)));
            }
        }

        double plainClassMedian = Stats.median(plain.stream().map(ClassRun::wallMillis).toList());
        List<Double> addedPerClass = new ArrayList<>();
        List<Double> withTests = new ArrayList<>();
        List<Double> plainTests = new ArrayList<>();
        for (int i = 1; i < pairs; i++) { // every pair but the first
            addedPerClass.add(with.get(i).wallMillis() - plain.get(i).wallMillis());
            withTests.addAll(with.get(i).testMillis());
            plainTests.addAll(plain.get(i).testMillis());
        }
        Measurement.print("extension.classes_with_and_without", pairs, "count");
        Measurement.print("extension.tests_per_class", settings.testsPerClass(), "count");
        Measurement.print("extension.plain_class_ms", plainClassMedian, "ms");
        Measurement.print("extension.first_class_added_ms", with.get(0).wallMillis() - plainClassMedian, "ms");
        Measurement.print("extension.per_class_added_ms", Stats.median(addedPerClass), "ms");
        Measurement.print("extension.per_test_added_ms", Stats.median(withTests) - Stats.median(plainTests), "ms");
        FixtureClasses.delete(dir);
        System.exit(0); // done: no thread left behind by a fixture may keep this JVM alive
    }

    private static ClassRun run(Launcher launcher, Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .build();
        TimingListener listener = new TimingListener();
        long start = System.nanoTime();
        launcher.execute(request, listener);
        double wallMillis = (System.nanoTime() - start) / 1e6;
        if (!listener.failures().isEmpty() || listener.testMillis().isEmpty()) {
            throw new IllegalStateException(testClass.getSimpleName() + " did not pass: " + listener.failures());
        }
        return new ClassRun(wallMillis, listener.testMillis());
    }
}
