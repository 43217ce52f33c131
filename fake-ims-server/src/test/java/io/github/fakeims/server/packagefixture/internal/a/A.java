package io.github.fakeims.server.packagefixture.internal.a;

import io.github.fakeims.server.packagefixture.internal.b.B;

/** With {@link B}, a package cycle for {@code PackageStructureTest} to find. */
public final class A {
    public B b() {
        return new B();
    }
}
