package io.github.fakeims.junit;

/** Where the extension runs the fake IMS. */
public enum FakeImsMode {
    /**
     * As the {@code fake-ims.mode} system property or the {@code FAKE_IMS_MODE} environment variable say
     * ({@code in-process} or {@code container}); in-process when neither is set. Lets CI run the same tests
     * both ways.
     */
    FROM_ENVIRONMENT,
    /** A {@code FakeImsServer} in the test JVM: starts in milliseconds. */
    IN_PROCESS,
    /**
     * A {@link FakeImsContainer} (needs Docker and {@code org.testcontainers:testcontainers}); the image is
     * the configured one, else the {@code fake-ims.image} property or {@code FAKE_IMS_IMAGE}, else
     * {@code fake-ims:latest}.
     */
    CONTAINER
}
