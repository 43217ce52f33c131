package io.github.fakeims.server.packagefixture.internal.core;

import io.github.fakeims.server.packagefixture.internal.a.A;

/** A leaf type that is not one: it depends on another internal package, for {@code PackageStructureTest} to find. */
public final class Leaf {
    public A a() {
        return new A();
    }
}
