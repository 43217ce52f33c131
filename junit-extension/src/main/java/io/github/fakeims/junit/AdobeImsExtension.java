package io.github.fakeims.junit;

import io.github.fakeims.junit.internal.AioClients;
import io.github.fakeims.junit.internal.ExtensionConfig;
import io.github.fakeims.junit.internal.FakeImsSession;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.FakeImsTls;
import io.github.fakeims.server.Grant;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts a fake Adobe IMS, registers a throwaway credential on it and injects, by parameter type:
 * {@link FakeIms} / {@link FakeImsServer} (credentials, journal, faults, clock), {@link DeveloperCredential},
 * {@link FakeImsTls} (HTTPS fakes: the CA as PEM, {@code KeyStore}, {@code SSLContext}), and — when {@code com.adobe.aio:aio-lib-java-ims}
 * is on the test class path — a {@code com.adobe.aio.workspace.Workspace} and a
 * {@code com.adobe.aio.ims.ImsService} configured against the fake.
 *
 * <p>Three ways to use it, one configuration:
 * <ul>
 *   <li>{@code @ExtendWith(AdobeImsExtension.class)}: every default;</li>
 *   <li>{@link AdobeImsTest @AdobeImsTest(metascopes = …, auth = …)};</li>
 *   <li>{@code @RegisterExtension static AdobeImsExtension ims = AdobeImsExtension.builder()…build();}</li>
 * </ul>
 * Registered on the class or a static field, one fake and one credential serve the whole class;
 * registered on an instance field, each test gets its own. Every class gets its own fake and
 * credential, so classes run in parallel never share state. A fake shared by a class starts each
 * test with an empty journal, no faults and its clock reset; the credential and tokens stay.
 */
public final class AdobeImsExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AdobeImsExtension.class);

    private final Optional<ExtensionConfig> builtConfig;

    /** Used by {@code @ExtendWith} and {@link AdobeImsTest}: configured by the annotation or the defaults. */
    public AdobeImsExtension() {
        this.builtConfig = Optional.empty();
    }

    private AdobeImsExtension(ExtensionConfig config) {
        this.builtConfig = Optional.of(config);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        session(context);
    }

    /**
     * On a fake shared by the class, each test starts with an empty journal, no faults and the clock
     * reset (unless the class's tests run concurrently, where that would disturb the others).
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        Configuration configuration = configuration(context);
        boolean[] created = new boolean[1];
        FakeImsSession session = context.getStore(NAMESPACE).getOrComputeIfAbsent(configuration.key(), key -> {
            created[0] = true;
            return FakeImsSession.start(configuration.config());
        }, FakeImsSession.class);
        if (!created[0] && context.getExecutionMode() == ExecutionMode.SAME_THREAD) {
            session.isolateTest();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == FakeImsServer.class || type == FakeIms.class || type == DeveloperCredential.class || type == FakeImsTls.class
                || type.getName().equals(AioClients.WORKSPACE) || type.getName().equals(AioClients.IMS_SERVICE);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        FakeImsSession session = session(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == FakeIms.class) {
            return session.ims();
        }
        if (type == FakeImsServer.class) {
            return session.server().orElseThrow(() -> new ParameterResolutionException(describe(parameterContext)
                    + " cannot be resolved: the fake runs in a container (" + session.config().resolvedImage()
                    + "); ask for FakeIms, which both modes provide."));
        }
        if (type == DeveloperCredential.class) {
            return session.credential();
        }
        if (type == FakeImsTls.class) {
            return session.tls().orElseThrow(() -> new ParameterResolutionException(describe(parameterContext)
                    + " cannot be resolved: the fake serves plain HTTP; ask for HTTPS with @AdobeImsTest(https = true) or builder().https(true)."));
        }
        try {
            AuthType auth = session.config().auth();
            return type.getName().equals(AioClients.WORKSPACE)
                    ? AioClients.workspace(session.credential(), auth)
                    : AioClients.imsService(session.credential(), auth, session.tls().map(FakeImsTls::clientSslContext));
        } catch (LinkageError e) {
            throw new ParameterResolutionException(describe(parameterContext) + " cannot be resolved: aio-lib-java-ims "
                    + "could not be loaded (" + e + "); add com.adobe.aio:aio-lib-java-ims:1.1.26 with its dependencies "
                    + "to the test dependencies.", e);
        }
    }

    /**
     * The session of the nearest configuration: stores are looked up from the test towards the engine,
     * so a nested class shares its enclosing class's fake unless it carries an {@code @AdobeImsTest} of
     * its own (a different key), which gets it a fake configured its way.
     */
    private FakeImsSession session(ExtensionContext context) {
        Configuration configuration = configuration(context);
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(configuration.key(),
                key -> FakeImsSession.start(configuration.config()), FakeImsSession.class);
    }

    /** A configuration and what identifies it in the store: this builder-made extension, or the annotated class. */
    private record Configuration(Object key, ExtensionConfig config) {
    }

    private Configuration configuration(ExtensionContext context) {
        if (builtConfig.isPresent()) {
            return new Configuration(this, builtConfig.get());
        }
        for (Class<?> type = context.getTestClass().orElse(null); type != null; type = type.getEnclosingClass()) {
            Optional<AdobeImsTest> annotation = AnnotationSupport.findAnnotation(type, AdobeImsTest.class);
            if (annotation.isPresent()) {
                try {
                    return new Configuration(type, ExtensionConfig.of(annotation.get()));
                } catch (IllegalArgumentException e) {
                    throw new ExtensionConfigurationException("@AdobeImsTest on " + type.getName() + ": " + e.getMessage(), e);
                }
            }
        }
        return new Configuration(AdobeImsExtension.class, ExtensionConfig.defaults());
    }

    private static String describe(ParameterContext parameterContext) {
        Parameter parameter = parameterContext.getParameter();
        return "Parameter [" + parameter.getType().getSimpleName() + " " + parameter.getName() + "] in ["
                + parameterContext.getDeclaringExecutable().getName() + "()]";
    }

    /** Configures an {@link AdobeImsExtension} for {@code @RegisterExtension}; each setter says its default. */
    public static final class Builder {
        private List<String> metascopes = ExtensionConfig.DEFAULT_METASCOPES;
        private List<String> scopes = ExtensionConfig.DEFAULT_SCOPES;
        private Set<Grant> grants = Set.of(Grant.values());
        private AuthType auth = AuthType.SERVICE_ACCOUNT_JWT;
        private boolean jtiRequired;
        private boolean acceptProductionAudience;
        private Duration tokenLifetime = Duration.ofHours(24);
        private FakeImsMode mode = FakeImsMode.FROM_ENVIRONMENT;
        private String image = "";
        private boolean https;

        private Builder() {
        }

        /** Default {@code ent_analytics_bulk_ingest_sdk}. */
        public Builder metascopes(String... codes) {
            this.metascopes = List.of(codes);
            return this;
        }

        /** Default {@code openid, AdobeID, read_organizations}. */
        public Builder scopes(String... scopes) {
            this.scopes = List.of(scopes);
            return this;
        }

        /** Default both grants. */
        public Builder grants(Grant... grants) {
            this.grants = Set.of(grants);
            return this;
        }

        /** Default {@link AuthType#SERVICE_ACCOUNT_JWT}. */
        public Builder auth(AuthType auth) {
            this.auth = auth;
            return this;
        }

        /** Default {@code false}. */
        public Builder jtiRequired(boolean jtiRequired) {
            this.jtiRequired = jtiRequired;
            return this;
        }

        /** Default {@code false}: JWTs addressed to production or stage IMS are rejected. */
        public Builder acceptProductionAudience(boolean accept) {
            this.acceptProductionAudience = accept;
            return this;
        }

        /** Default 24 hours. */
        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = lifetime;
            return this;
        }

        /** Default {@link FakeImsMode#FROM_ENVIRONMENT}: in-process unless {@code FAKE_IMS_MODE=container}. */
        public Builder mode(FakeImsMode mode) {
            this.mode = mode;
            return this;
        }

        /** Runs the fake in a container of this image (built from this project's Dockerfile). */
        public Builder container(String image) {
            this.mode = FakeImsMode.CONTAINER;
            this.image = image;
            return this;
        }

        /** Default {@code false}; {@code true} serves the fake over HTTPS only, with a throwaway CA (see {@link AdobeImsTest#https()}). */
        public Builder https(boolean https) {
            this.https = https;
            return this;
        }

        /** @throws IllegalArgumentException when the options contradict each other, saying how */
        public AdobeImsExtension build() {
            return new AdobeImsExtension(new ExtensionConfig(metascopes, scopes, grants, auth, jtiRequired,
                    acceptProductionAudience, tokenLifetime, mode, image, https));
        }
    }
}
