package io.github.fakeims.server.packagefixture.internal.b;

import io.github.fakeims.server.packagefixture.internal.Wiring;
import io.github.fakeims.server.packagefixture.internal.a.A;

/** Closes the cycle with {@link A}, and reaches back into the wiring. */
public final class B {
    public A a() {
        return new A();
    }

    public Wiring wiring() {
        return new Wiring();
    }
}
