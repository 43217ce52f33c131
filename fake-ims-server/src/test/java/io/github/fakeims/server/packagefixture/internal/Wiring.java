package io.github.fakeims.server.packagefixture.internal;

import io.github.fakeims.server.packagefixture.internal.a.A;

/** Breaks nothing by itself: the wiring may use what it assembles. */
public final class Wiring {
    public final A a = new A();
}
