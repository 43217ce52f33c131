package io.github.fakeims.server.internal.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The admin API's OpenAPI 3.1 description, {@code openapi.json} beside this class; read once, when first served. */
public final class OpenApiDocument {

    /** The resource's name, relative to this class. */
    public static final String RESOURCE = "openapi.json";

    static final byte[] BYTES = read();

    private OpenApiDocument() {
    }

    private static byte[] read() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the fake's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the fake's jar", e);
        }
    }
}
