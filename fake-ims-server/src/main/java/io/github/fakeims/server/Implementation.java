package io.github.fakeims.server;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The library's one {@link FakeImsImplementation}, loaded on first use and kept. */
final class Implementation {

    private static volatile FakeImsImplementation loaded;

    private Implementation() {
    }

    static FakeImsImplementation get() {
        FakeImsImplementation implementation = loaded;
        if (implementation == null) {
            // Two threads may both load it: it holds no state, so either copy serves.
            implementation = load(FakeImsImplementation.class.getClassLoader());
            loaded = implementation;
        }
        return implementation;
    }

    /**
     * The implementation {@code loader}'s service file names. The library's own loader, not the thread's
     * context loader: that one may not see this jar, or see another copy of it.
     */
    static FakeImsImplementation load(ClassLoader loader) {
        String file = "META-INF/services/" + FakeImsImplementation.class.getName();
        try {
            return ServiceLoader.load(FakeImsImplementation.class, loader).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the fake-ims-server jar is incomplete: " + file
                            + " is missing (a shaded or repackaged jar must keep or merge it)"));
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("the fake-ims-server jar is incomplete: " + file + " names no usable class: "
                    + e.getMessage(), e);
        }
    }
}
