package io.github.fakeims.server.packagefixture;

import io.github.fakeims.server.packagefixture.internal.impl.Implementation;

/**
 * A public facade that calls its implementation directly while the implementation uses it: a cycle between
 * the public package and an internal one, for {@code PackageStructureTest} and {@code NoPackageCyclesTest} to find.
 */
public final class PublicApi {
    public Implementation implementation() {
        return new Implementation();
    }
}
