package io.github.fakeims.server.packagefixture.internal.impl;

import io.github.fakeims.server.packagefixture.PublicApi;

/** Uses the public type that uses it: closes the cycle with {@link PublicApi}. */
public final class Implementation {
    public PublicApi api() {
        return new PublicApi();
    }
}
