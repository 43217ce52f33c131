package io.github.fakeims.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The credential files Adobe hands out, and aio-lib-java's properties, as the fake reads and writes them. */
public enum CredentialFileFormat {
    /** AEM as a Cloud Service's "service credentials" JSON ({@code integration.imsEndpoint}, PKCS#1 key, certificate). */
    AEM_SERVICE_CREDENTIALS("aem-service-credentials"),
    /** The Adobe Developer Console project/workspace JSON that {@code aio app use} reads. */
    CONSOLE_WORKSPACE("console-workspace"),
    /** aio-lib-java's {@code aio_*} properties ({@code Workspace.builder().properties(...)}). */
    AIO_PROPERTIES("aio-properties");

    private final String id;

    CredentialFileFormat(String id) {
        this.id = id;
    }

    /** The name in {@code ?format=}, e.g. {@code aem-service-credentials}. */
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the known formats */
    public static CredentialFileFormat of(String id) {
        return Arrays.stream(values()).filter(format -> format.id.equals(id.strip().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("format: '" + id + "' is not one of "
                        + Arrays.stream(values()).map(CredentialFileFormat::id).collect(Collectors.joining(", "))));
    }
}
