package io.github.fakeims.junit;

import io.github.fakeims.junit.internal.AioClients;
import io.github.fakeims.junit.internal.ExtensionConfig;
import io.github.fakeims.junit.internal.FakeImsSession;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.FakeImsTls;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
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
public final class AdobeImsExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver,
        TestExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AdobeImsExtension.class);
    /** At most this many failed requests are attached to a failing test. */
    static final int MAX_REPORTED_REQUESTS = 20;

    private final Optional<ExtensionConfig> builtConfig;
    /** A builder mistake, reported when JUnit first uses this extension (never from a static initializer). */
    private final Optional<ExtensionConfigurationException> builtMistake;

    /** Used by {@code @ExtendWith} and {@link AdobeImsTest}: configured by the annotation or the defaults. */
    public AdobeImsExtension() {
        this.builtConfig = Optional.empty();
        this.builtMistake = Optional.empty();
    }

    private AdobeImsExtension(ExtensionConfig config) {
        this.builtConfig = Optional.of(config);
        this.builtMistake = Optional.empty();
    }

    private AdobeImsExtension(ExtensionConfigurationException mistake) {
        this.builtConfig = Optional.empty();
        this.builtMistake = Optional.of(mistake);
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
     * reset. Tests that run concurrently cannot share a fake that way, so each gets a fake and credential
     * of its own (what a {@code @BeforeAll} method received stays the class's).
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        Configuration configuration = configuration(context);
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (context.getExecutionMode() == ExecutionMode.CONCURRENT && store.get(configuration.key(), FakeImsSession.class) != null) {
            store.put(new PerTest(configuration.key()), FakeImsSession.start(configuration.config()));
            return;
        }
        boolean[] created = new boolean[1];
        FakeImsSession session = store.getOrComputeIfAbsent(configuration.key(), key -> {
            created[0] = true;
            return FakeImsSession.start(configuration.config());
        }, FakeImsSession.class);
        if (!created[0]) {
            session.isolateTest();
        }
    }

    /**
     * A failing test gets the requests the fake refused or failed during it, each with the fake's precise
     * reason, added to its failure (as a suppressed exception) and published as a report entry.
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        Optional<String> failedRequests = existingSession(context).flatMap(AdobeImsExtension::failedRequests);
        failedRequests.ifPresent(report -> {
            context.publishReportEntry("fake-ims.failed-requests", report);
            throwable.addSuppressed(new FakeImsRequestsFailed(report));
        });
        throw throwable;
    }

    private static Optional<String> failedRequests(FakeImsSession session) {
        try {
            List<JournalEntry> failed = session.ims().journal().entries(JournalFilter.all().failed());
            if (failed.isEmpty()) {
                return Optional.empty();
            }
            StringBuilder report = new StringBuilder("the fake IMS at " + session.ims().baseUrl() + " answered " + failed.size()
                    + (failed.size() == 1 ? " request" : " requests") + " of this test with an error:");
            failed.stream().limit(MAX_REPORTED_REQUESTS).forEach(entry -> report.append(System.lineSeparator()).append("  ").append(entry));
            if (failed.size() > MAX_REPORTED_REQUESTS) {
                report.append(System.lineSeparator()).append("  … and ").append(failed.size() - MAX_REPORTED_REQUESTS)
                        .append(" more (fake.journal().entries(JournalFilter.all().failed()))");
            }
            return Optional.of(report.toString());
        } catch (RuntimeException e) {
            return Optional.of("the fake IMS's journal could not be read (" + e + ")"); // the test's own failure still comes first
        }
    }

    /** What a failing test's report carries from the fake: its refused requests and reasons. */
    static final class FakeImsRequestsFailed extends RuntimeException {
        FakeImsRequestsFailed(String report) {
            super(report, null, false, false);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        boolean supported = type == FakeImsServer.class || type == FakeIms.class || type == DeveloperCredential.class || type == FakeImsTls.class
                || type.getName().equals(AioClients.WORKSPACE) || type.getName().equals(AioClients.IMS_SERVICE);
        if (supported) {
            refuseCompetition(parameterContext, extensionContext);
        }
        return supported;
    }

    /**
     * Two registrations of this extension would both resolve the parameter, and JUnit would only say
     * "competing ParameterResolvers": say which two, and what to do instead.
     */
    @SuppressWarnings("unchecked")
    private void refuseCompetition(ParameterContext parameterContext, ExtensionContext context) {
        List<AdobeImsExtension> resolvers = context.getStore(NAMESPACE).getOrComputeIfAbsent(
                new Resolvers(parameterContext.getDeclaringExecutable(), parameterContext.getIndex()),
                key -> new CopyOnWriteArrayList<AdobeImsExtension>(), List.class);
        Optional<AdobeImsExtension> other = resolvers.stream().filter(resolver -> resolver != this).findFirst();
        if (other.isPresent()) {
            throw new ParameterResolutionException(describe(parameterContext) + " has two fakes to choose from: AdobeImsExtension is "
                    + "registered by " + other.get().registration(context) + " and by " + registration(context) + ". Keep one "
                    + "registration (AdobeImsExtension.builder() takes every option @AdobeImsTest does); for a second credential "
                    + "use DeveloperCredential.builder().registerOn(fake), for a second fake FakeImsServer.start(...).");
        }
        if (!resolvers.contains(this)) {
            resolvers.add(this);
        }
    }

    /** The parameter a registration said it resolves. */
    private record Resolvers(Executable executable, int index) {
    }

    /** How this instance was registered, for messages: a named {@code @RegisterExtension} field, or declaratively. */
    private String registration(ExtensionContext context) {
        if (builtConfig.isEmpty() && builtMistake.isEmpty()) {
            return "@ExtendWith(AdobeImsExtension.class) or @AdobeImsTest on " + context.getTestClass().map(Class::getName).orElse("the class");
        }
        for (Class<?> type = context.getTestClass().orElse(null); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(RegisterExtension.class) && AdobeImsExtension.class.isAssignableFrom(field.getType())
                        && holds(field, context)) {
                    return "the @RegisterExtension field " + type.getSimpleName() + "." + field.getName();
                }
            }
        }
        return "AdobeImsExtension.builder()…build() (registered programmatically)";
    }

    private boolean holds(Field field, ExtensionContext context) {
        try {
            field.setAccessible(true);
            Object owner = Modifier.isStatic(field.getModifiers()) ? null : context.getTestInstance().orElse(null);
            return (owner != null || Modifier.isStatic(field.getModifiers())) && field.get(owner) == this;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
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
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        FakeImsSession perTest = store.get(new PerTest(configuration.key()), FakeImsSession.class);
        return perTest != null ? perTest : store.getOrComputeIfAbsent(configuration.key(),
                key -> FakeImsSession.start(configuration.config()), FakeImsSession.class);
    }

    /** The session a test already has; never starts one. */
    private Optional<FakeImsSession> existingSession(ExtensionContext context) {
        Configuration configuration = configuration(context);
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        return Optional.ofNullable(store.get(new PerTest(configuration.key()), FakeImsSession.class))
                .or(() -> Optional.ofNullable(store.get(configuration.key(), FakeImsSession.class)));
    }

    /** A configuration and what identifies it in the store: this builder-made extension, or the annotated class. */
    private record Configuration(Object key, ExtensionConfig config) {
    }

    /** The store key of a concurrently running test's own fake. */
    private record PerTest(Object key) {
    }

    private Configuration configuration(ExtensionContext context) {
        if (builtMistake.isPresent()) {
            throw builtMistake.get();
        }
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

        /**
         * The extension. Options that contradict each other do not fail here, where a static field's
         * initializer would hide the message behind an {@code ExceptionInInitializerError}: JUnit reports an
         * {@link ExtensionConfigurationException} naming the option when it first uses the extension.
         */
        public AdobeImsExtension build() {
            try {
                return new AdobeImsExtension(new ExtensionConfig(metascopes, scopes, grants, auth, jtiRequired,
                        acceptProductionAudience, tokenLifetime, mode, image, https));
            } catch (IllegalArgumentException | NullPointerException e) {
                return new AdobeImsExtension(new ExtensionConfigurationException("AdobeImsExtension.builder(): " + e.getMessage(), e));
            }
        }
    }
}
