package io.github.fakeims.benchmarks;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The whole harness in smoke mode, so it cannot rot: every section runs for a moment in its child JVMs.
 * It asserts only that every measurement is a number; timings on a shared CI machine are noise, so
 * the tables (with their "missed" verdicts) are printed only when an assertion fails, as its heading.
 */
class BenchmarkSmokeTest {

    @Test
    void everyMeasurementOfTheSmokeRunIsANumber() {
        Path results = Path.of("target", "benchmark-smoke.json");

        Report report = BenchmarkMain.run(Settings.smoke(), Optional.of(results));
        String tables = report.markdown();

        assertFalse(report.measurements().isEmpty(), () -> "no measurements\n" + tables);
        Stream<Executable> measurements = report.measurements().values().stream()
                .map(m -> () -> assertTrue(Double.isFinite(m.value()), m.name() + " is " + m.value()));
        Stream<Executable> targets = report.targets().stream()
                .filter(t -> t.verdict() != Report.Verdict.SKIPPED)
                .map(t -> () -> assertTrue(Double.isFinite(t.measured()), "target '" + t.what() + "' measured " + t.measured()));
        assertAll("the smoke run's report:\n" + tables, Stream.concat(measurements, targets));
        assertTrue(Files.isRegularFile(results), "no results file " + results);
    }
}
