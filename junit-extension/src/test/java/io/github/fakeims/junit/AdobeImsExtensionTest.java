package io.github.fakeims.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.adobe.aio.ims.ImsService;
import com.adobe.aio.ims.model.AccessToken;
import com.adobe.aio.workspace.Workspace;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.Grant;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The extension as JUnit runs it: fixture classes executed through the EngineTestKit. */
class AdobeImsExtensionTest {

    /** What fixtures saw, by fixture class and test. */
    static final Map<String, List<Object>> SEEN = new ConcurrentHashMap<>();

    static void saw(String key, Object value) {
        SEEN.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(value);
    }

    private static Events run(Class<?>... fixtures) {
        var request = EngineTestKit.engine("junit-jupiter");
        for (Class<?> fixture : fixtures) {
            request.selectors(selectClass(fixture));
        }
        return request.execute().testEvents();
    }

    private static void assertAllPassed(Events events, int count) {
        events.assertStatistics(stats -> stats.started(count).succeeded(count).failed(0));
    }

    // --- zero configuration: a real client, nothing else -------------------------------------------

    @ExtendWith(AdobeImsExtension.class)
    static class ZeroConfig {
        @Test
        void getsAndValidatesAToken(ImsService ims) {
            AccessToken token = ims.getJwtExchangeAccessToken();
            assertThat(ims.validateAccessToken(token.getAccessToken())).isTrue();
        }
    }

    @Test
    void zeroConfigurationInjectsAnImsServiceThatGetsARealToken() {
        assertAllPassed(run(ZeroConfig.class), 1);
    }

    // --- the composed annotation -----------------------------------------------------------------

    @AdobeImsTest(metascopes = {"ent_dataservices_sdk", "ent_user_sdk"}, scopes = {"openid", "session"})
    static class Annotated {
        @Test
        void credentialHasTheAnnotationsGrants(DeveloperCredential credential, ImsService ims) {
            assertThat(credential.metascopes()).containsExactlyInAnyOrder("ent_dataservices_sdk", "ent_user_sdk");
            assertThat(credential.scopes()).containsExactlyInAnyOrder("openid", "session");
            assertThat(ims.getJwtExchangeAccessToken().getAccessToken()).isNotBlank();
        }
    }

    @Test
    void theAnnotationConfiguresTheCredential() {
        assertAllPassed(run(Annotated.class), 1);
    }

    @AdobeImsTest(auth = AuthType.OAUTH_SERVER_TO_SERVER, grants = Grant.CLIENT_CREDENTIALS)
    static class OAuthAnnotated {
        @Test
        void getsAnOAuthToken(ImsService ims) {
            assertThat(ims.getOAuthAccessToken().getExpiresIn()).isEqualTo(86_399L); // the time remaining, as real IMS
        }
    }

    @Test
    void anOAuthServerToServerWorkspaceGetsAToken() {
        assertAllPassed(run(OAuthAnnotated.class), 1);
    }

    @AdobeImsTest(auth = AuthType.OAUTH_SERVER_TO_SERVER, grants = Grant.JWT_EXCHANGE)
    static class Contradictory {
        @Test
        void never() {
        }
    }

    @Test
    void contradictoryOptionsFailTheClassWithAMessageThatSaysWhatToChange() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(Contradictory.class)).execute().containerEvents()
                .assertThatEvents().haveExactly(1, event(finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(text -> text.contains("@AdobeImsTest on " + Contradictory.class.getName())
                                && text.contains("needs the CLIENT_CREDENTIALS grant")))));
    }

    // --- builder registration, lifecycles ----------------------------------------------------------

    static class StaticBuilder {
        @RegisterExtension
        static AdobeImsExtension ims = AdobeImsExtension.builder().metascopes("ent_campaign_sdk").build();

        @RepeatedTest(2)
        void record(FakeImsServer server, DeveloperCredential credential) {
            saw("static", server);
            saw("static", credential.clientId());
            assertThat(credential.metascopes()).containsExactly("ent_campaign_sdk");
        }
    }

    @Test
    void aStaticFieldGivesOneFakeAndOneCredentialToTheWholeClassAndClosesItAfter() throws IOException {
        SEEN.remove("static");
        assertAllPassed(run(StaticBuilder.class), 2);

        List<Object> seen = SEEN.get("static");
        assertThat(seen.get(0)).isSameAs(seen.get(2));
        assertThat(seen.get(1)).isEqualTo(seen.get(3));
        assertClosed((FakeImsServer) seen.get(0));
    }

    static class InstanceField {
        @RegisterExtension
        AdobeImsExtension ims = AdobeImsExtension.builder().build();

        @RepeatedTest(2)
        void record(FakeImsServer server, DeveloperCredential credential) {
            saw("instance", server);
            saw("instance", credential.clientId());
        }
    }

    @Test
    void anInstanceFieldGivesEachTestItsOwnFakeAndCredential() throws IOException {
        SEEN.remove("instance");
        assertAllPassed(run(InstanceField.class), 2);

        List<Object> seen = SEEN.get("instance");
        assertThat(seen.get(0)).isNotSameAs(seen.get(2));
        assertThat(seen.get(1)).isNotEqualTo(seen.get(3));
        assertClosed((FakeImsServer) seen.get(0));
        assertClosed((FakeImsServer) seen.get(2));
    }

    @ExtendWith(AdobeImsExtension.class)
    static class BeforeAllInjection {
        static DeveloperCredential fromBeforeAll;

        @BeforeAll
        static void remember(DeveloperCredential credential) {
            fromBeforeAll = credential;
        }

        @Test
        void sameCredentialInTheTest(DeveloperCredential credential, Workspace workspace) {
            assertThat(credential).isSameAs(fromBeforeAll);
            assertThat(workspace.getApiKey()).isEqualTo(credential.clientId());
            assertThat(workspace.getImsUrl()).isEqualTo(credential.imsUrl().toString());
        }
    }

    @Test
    void beforeAllMethodsAndTestsShareTheClassCredential() {
        assertAllPassed(run(BeforeAllInjection.class), 1);
    }

    // --- nested classes --------------------------------------------------------------------------

    @AdobeImsTest(metascopes = "ent_campaign_sdk")
    static class Outer {
        @Test
        void outer(DeveloperCredential credential) {
            saw("nested", credential.clientId());
        }

        @Nested
        class SharesTheOuterFake {
            @Test
            void inner(DeveloperCredential credential) {
                saw("nested", credential.clientId());
                assertThat(credential.metascopes()).containsExactly("ent_campaign_sdk");
            }
        }

        @Nested
        @AdobeImsTest(metascopes = "ent_user_sdk")
        class ConfiguredItsOwnWay {
            @Test
            void inner(DeveloperCredential credential) {
                saw("nested-own", credential.clientId());
                assertThat(credential.metascopes()).containsExactly("ent_user_sdk");
            }
        }
    }

    @Test
    void aNestedClassSharesTheOuterFakeUnlessItHasItsOwnAnnotation() {
        SEEN.remove("nested");
        SEEN.remove("nested-own");
        assertAllPassed(run(Outer.class), 3);

        assertThat(SEEN.get("nested")).hasSize(2).containsOnly(SEEN.get("nested").get(0));
        assertThat(SEEN.get("nested-own")).hasSize(1).doesNotContainAnyElementsOf(SEEN.get("nested"));
    }

    // --- parallel classes ---------------------------------------------------------------------------

    @ExtendWith(AdobeImsExtension.class)
    static class ParallelA {
        @Test
        void record(FakeImsServer server, DeveloperCredential credential, ImsService ims) {
            saw("parallel", credential.clientId());
            saw("parallel-servers", server);
            assertThat(ims.getJwtExchangeAccessToken().getAccessToken()).isNotBlank();
            assertThat(server.credentials()).extracting(c -> c.clientId()).containsExactly(credential.clientId());
        }
    }

    /** The same test in a second class: @ExtendWith and the test method are inherited. */
    static class ParallelB extends ParallelA {
    }

    @Test
    void classesRunInParallelGetSeparateFakesAndCredentials() {
        SEEN.remove("parallel");
        SEEN.remove("parallel-servers");
        Events events = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .selectors(selectClass(ParallelA.class), selectClass(ParallelB.class))
                .execute().testEvents();

        assertAllPassed(events, 2);
        assertThat(SEEN.get("parallel")).doesNotHaveDuplicates().hasSize(2);
        assertThat(SEEN.get("parallel-servers")).doesNotHaveDuplicates().hasSize(2);
    }

    private static void assertClosed(FakeImsServer server) {
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(ConnectException.class);
    }
}
