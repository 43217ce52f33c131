package io.github.fakeims.junit.internal;

import io.github.fakeims.junit.FakeImsMode;
import java.util.Locale;
import java.util.Optional;

import io.github.fakeims.junit.AdobeImsTest;
import io.github.fakeims.junit.AuthType;
import io.github.fakeims.server.Grant;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The one configuration the annotation, the builder and the defaults all produce. */
public record ExtensionConfig(List<String> metascopes, List<String> scopes, Set<Grant> grants, AuthType auth,
                              boolean jtiRequired, boolean acceptProductionAudience, Duration tokenLifetime,
                              FakeImsMode mode, String image, boolean https) {

    public static final String DEFAULT_IMAGE = "fake-ims:latest";

    public static final List<String> DEFAULT_METASCOPES = List.of("ent_analytics_bulk_ingest_sdk");
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "AdobeID", "read_organizations");

    public ExtensionConfig {
        metascopes = List.copyOf(metascopes);
        scopes = List.copyOf(scopes);
        grants = Set.copyOf(grants);
        if (grants.isEmpty()) {
            throw new IllegalArgumentException("grants: at least one grant is needed");
        }
        if (auth == AuthType.SERVICE_ACCOUNT_JWT && !grants.contains(Grant.JWT_EXCHANGE)) {
            throw new IllegalArgumentException("auth SERVICE_ACCOUNT_JWT needs the JWT_EXCHANGE grant; add it to grants "
                    + "or use auth = OAUTH_SERVER_TO_SERVER");
        }
        if (auth == AuthType.OAUTH_SERVER_TO_SERVER && !grants.contains(Grant.CLIENT_CREDENTIALS)) {
            throw new IllegalArgumentException("auth OAUTH_SERVER_TO_SERVER needs the CLIENT_CREDENTIALS grant; add it to grants");
        }
        if (grants.contains(Grant.JWT_EXCHANGE) && metascopes.isEmpty()) {
            throw new IllegalArgumentException("metascopes: a Service Account credential needs at least one metascope");
        }
    }

    public static ExtensionConfig defaults() {
        return new ExtensionConfig(DEFAULT_METASCOPES, DEFAULT_SCOPES, Set.of(Grant.values()), AuthType.SERVICE_ACCOUNT_JWT,
                false, false, Duration.ofHours(24), FakeImsMode.FROM_ENVIRONMENT, "", false);
    }

    public static ExtensionConfig of(AdobeImsTest annotation) {
        return new ExtensionConfig(List.of(annotation.metascopes()), List.of(annotation.scopes()), Set.of(annotation.grants()),
                annotation.auth(), annotation.jtiRequired(), false, Duration.ofHours(24), annotation.mode(), annotation.image(),
                annotation.https());
    }

    /** Whether the fake runs in a container, the mode resolved against the environment. */
    public boolean inContainer() {
        if (mode != FakeImsMode.FROM_ENVIRONMENT) {
            return mode == FakeImsMode.CONTAINER;
        }
        String setting = setting("fake-ims.mode", "FAKE_IMS_MODE").orElse("in-process").trim().toLowerCase(Locale.ROOT);
        return switch (setting) {
            case "container" -> true;
            case "in-process", "in_process", "inprocess" -> false;
            default -> throw new IllegalArgumentException("FAKE_IMS_MODE / fake-ims.mode: '" + setting + "' is not in-process or container");
        };
    }

    /** The container image: the configured one, else the environment's, else {@link #DEFAULT_IMAGE}. */
    public String resolvedImage() {
        return !image.isBlank() ? image : setting("fake-ims.image", "FAKE_IMS_IMAGE").orElse(DEFAULT_IMAGE);
    }

    private static Optional<String> setting(String property, String variable) {
        return Optional.ofNullable(System.getProperty(property)).or(() -> Optional.ofNullable(System.getenv(variable)))
                .filter(value -> !value.isBlank());
    }
}
