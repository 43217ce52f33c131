package io.github.fakeims.junit;

import io.github.fakeims.server.Grant;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a fake Adobe IMS with a throwaway credential: one fake and one
 * credential for the class. The same as {@code @ExtendWith(AdobeImsExtension.class)}, with options.
 *
 * <pre>{@code
 * @AdobeImsTest(metascopes = "ent_dataservices_sdk")
 * class PlatformClientTest {
 *     @Test
 *     void authenticates(ImsService ims) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AdobeImsExtension.class)
public @interface AdobeImsTest {

    /** Metascope codes granted to the credential (Service Account). */
    String[] metascopes() default {"ent_analytics_bulk_ingest_sdk"};

    /** Scopes granted to the credential (OAuth Server-to-Server). */
    String[] scopes() default {"openid", "AdobeID", "read_organizations"};

    /** Grants the credential may use; both by default, as a credential being migrated has. */
    Grant[] grants() default {Grant.JWT_EXCHANGE, Grant.CLIENT_CREDENTIALS};

    /** Which flow the injected aio-lib-java client uses. */
    AuthType auth() default AuthType.SERVICE_ACCOUNT_JWT;

    /** Whether the fake requires a fresh {@code jti} in every JWT. */
    boolean jtiRequired() default false;

    /** In-process or in a container; by default as {@code FAKE_IMS_MODE} says (in-process when unset). */
    FakeImsMode mode() default FakeImsMode.FROM_ENVIRONMENT;

    /**
     * Serve the fake over HTTPS only, with a throwaway CA: the credential's {@code imsUrl()} is
     * {@code https://127.0.0.1:<port>}, the injected {@code ImsService} trusts the CA (without touching the
     * JVM-wide defaults), and a {@link io.github.fakeims.server.FakeImsTls} parameter gives the CA as PEM,
     * {@code KeyStore} and {@code SSLContext} for your own clients.
     */
    boolean https() default false;

    /** The container image in container mode; by default {@code FAKE_IMS_IMAGE}, else {@code fake-ims:latest}. */
    String image() default "";
}
