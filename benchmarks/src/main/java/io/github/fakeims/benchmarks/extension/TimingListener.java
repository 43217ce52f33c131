package io.github.fakeims.benchmarks.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** Records how long each test took (start to finish event) and whether anything failed. */
final class TimingListener implements TestExecutionListener {

    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    private final List<Double> testMillis = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    @Override
    public void executionStarted(TestIdentifier identifier) {
        startedAt.put(identifier.getUniqueId(), System.nanoTime());
    }

    @Override
    public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        long finished = System.nanoTime();
        if (identifier.isTest()) {
            testMillis.add((finished - startedAt.get(identifier.getUniqueId())) / 1e6);
        }
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            failures.add(identifier.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse("?"));
        }
    }

    synchronized List<Double> testMillis() {
        return List.copyOf(testMillis);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }
}
