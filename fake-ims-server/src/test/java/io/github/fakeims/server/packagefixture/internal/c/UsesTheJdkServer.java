package io.github.fakeims.server.packagefixture.internal.c;

import com.sun.net.httpserver.HttpServer;

/** Sees the JDK's HTTP server outside the adapter's package, for {@code PackageStructureTest} to find. */
public final class UsesTheJdkServer {
    public Class<?> server() {
        return HttpServer.class;
    }
}
