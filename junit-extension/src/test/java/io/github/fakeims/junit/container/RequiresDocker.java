package io.github.fakeims.junit.container;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Container tests run when Docker is there and skip, saying why, when it is not — except where
 * {@code FAKE_IMS_REQUIRE_DOCKER=true} (CI), where a missing engine fails them instead of hiding them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.Condition.class)
@interface RequiresDocker {

    final class Condition implements ExecutionCondition {
        private static final AtomicBoolean TOLD = new AtomicBoolean();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return ConditionEvaluationResult.enabled("Docker is available");
            }
            if ("true".equalsIgnoreCase(System.getenv("FAKE_IMS_REQUIRE_DOCKER"))) {
                throw new IllegalStateException("FAKE_IMS_REQUIRE_DOCKER=true but no Docker engine answers; start one (see .ci/run)");
            }
            String reason = "no Docker engine answers: the container tests are skipped here (CI runs them)";
            if (TOLD.compareAndSet(false, true)) {
                // Failsafe's summary counts skipped tests but shows the reason only in its XML reports.
                System.err.println("[fake-ims] " + reason + "; set FAKE_IMS_REQUIRE_DOCKER=true to make them fail instead");
            }
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
