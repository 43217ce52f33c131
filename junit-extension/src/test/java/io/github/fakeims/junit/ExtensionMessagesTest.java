package io.github.fakeims.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.Grant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** What the extension says when it is used wrongly, or when a test fails: fixture classes run through the EngineTestKit. */
class ExtensionMessagesTest {

    static final Map<String, List<Object>> SEEN = new ConcurrentHashMap<>();

    private static EngineExecutionResults run(Class<?> fixture, String... configuration) {
        EngineTestKit.Builder request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture));
        for (int i = 0; i + 1 < configuration.length; i += 2) {
            request.configurationParameter(configuration[i], configuration[i + 1]);
        }
        return request.execute();
    }

    // --- competing registrations

    static class TwoFields {
        @RegisterExtension
        static AdobeImsExtension first = AdobeImsExtension.builder().build();
        @RegisterExtension
        static AdobeImsExtension second = AdobeImsExtension.builder().metascopes("ent_user_sdk").build();

        @Test
        void needsACredential(DeveloperCredential credential) {
        }
    }

    @Test
    void twoRegisteredFieldsAreNamedWithTheRemedyInsteadOfCompetingResolvers() {
        run(TwoFields.class).testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                message(text -> text.contains("TwoFields.first") && text.contains("TwoFields.second")
                        && text.contains("Keep one registration") && text.contains("DeveloperCredential.builder().registerOn(fake)")))));
    }

    @AdobeImsTest
    static class AnnotationAndField {
        @RegisterExtension
        static AdobeImsExtension ims = AdobeImsExtension.builder().build();

        @Test
        void needsTheFake(FakeIms fake) {
        }
    }

    @Test
    void anAnnotationAndARegisteredFieldAreNamedWithTheRemedy() {
        run(AnnotationAndField.class).testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                message(text -> text.contains("@AdobeImsTest on " + AnnotationAndField.class.getName())
                        && text.contains("AnnotationAndField.ims") && text.contains("Keep one registration")))));
    }

    // --- builder mistakes

    static class BuilderMistake {
        @RegisterExtension
        static AdobeImsExtension ims = AdobeImsExtension.builder().grants(Grant.CLIENT_CREDENTIALS).build();

        @Test
        void never() {
        }
    }

    @Test
    void aBuilderMistakeIsAnExtensionConfigurationExceptionNamingTheOptionNotAnInitializerError() {
        run(BuilderMistake.class).allEvents().assertThatEvents()
                .haveExactly(1, event(finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(text -> text.startsWith("AdobeImsExtension.builder(): auth SERVICE_ACCOUNT_JWT needs the JWT_EXCHANGE grant")))))
                .noneMatch(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                        .filter(ExceptionInInitializerError.class::isInstance).isPresent());
    }

    // --- concurrent methods on a class-level registration

    @AdobeImsTest
    @Execution(ExecutionMode.CONCURRENT)
    static class ConcurrentMethods {
        static final CyclicBarrier ALL_CALLED = new CyclicBarrier(3);

        @RepeatedTest(3)
        void eachTestSeesOnlyItsOwnRequests(FakeIms fake, DeveloperCredential credential) throws Exception {
            SEEN.computeIfAbsent("fakes", key -> new CopyOnWriteArrayList<>()).add(fake);
            assertThat(fake.journal().entries()).isEmpty();
            clientCredentials(fake, credential, credential.clientSecret());
            ALL_CALLED.await(30, TimeUnit.SECONDS); // every test made its call before any looks
            assertThat(fake.journal().entries()).hasSize(1);
        }
    }

    @Test
    void concurrentlyRunningTestsEachGetAFakeOfTheirOwn() {
        SEEN.remove("fakes");
        run(ConcurrentMethods.class, "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "3")
                .testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
        assertThat(SEEN.get("fakes")).hasSize(3).doesNotHaveDuplicates();
    }

    // --- a failing test shows what the fake refused

    @AdobeImsTest
    static class FailsAfterARefusedRequest {
        @Test
        void usesAWrongSecretThenFails(FakeIms fake, DeveloperCredential credential) throws Exception {
            clientCredentials(fake, credential, "p8e-wrong");
            fail("the client got no token");
        }

        @Test
        void failsWithoutAnyRefusedRequest() {
            fail("nothing to do with IMS");
        }
    }

    @Test
    void aFailedTestCarriesTheRequestsTheFakeRefusedWithTheirReasons() {
        EngineExecutionResults events = run(FailsAfterARefusedRequest.class);

        Event failed = events.testEvents().failed().filter(event -> event.getTestDescriptor().getDisplayName().startsWith("usesAWrongSecret"))
                .findFirst().orElseThrow();
        Throwable thrown = failed.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(thrown).hasMessage("the client got no token");
        assertThat(thrown.getSuppressed()).singleElement().satisfies(report -> assertThat(report.getMessage())
                .contains("answered 1 request of this test with an error")
                .contains("POST /ims/token/v3 -> 400").contains("invalid_client").contains("client_secret"));
        List<ReportEntry> entries = events.allEvents().reportingEntryPublished().map(event -> event.getRequiredPayload(ReportEntry.class)).toList();
        assertThat(entries).singleElement().satisfies(entry -> assertThat(entry.getKeyValuePairs().get("fake-ims.failed-requests"))
                .contains("POST /ims/token/v3 -> 400"));

        Throwable unrelated = events.testEvents().failed().filter(event -> event.getTestDescriptor().getDisplayName().startsWith("failsWithout"))
                .findFirst().orElseThrow().getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(unrelated.getSuppressed()).as("nothing refused, nothing attached").isEmpty();
    }

    static void clientCredentials(FakeIms fake, DeveloperCredential credential, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + credential.clientId() + "&client_secret=" + secret + "&scope=openid";
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/ims/token/v3"))
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
