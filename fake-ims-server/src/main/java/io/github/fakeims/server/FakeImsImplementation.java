package io.github.fakeims.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import javax.net.ssl.SSLContext;

/**
 * How this package reaches its implementation without depending on it. The implementation, under
 * {@code internal}, speaks this package's model ({@link Credential}, {@link Fault}, ...); were
 * {@link FakeImsServer}, {@link FakeImsAdminClient} or {@link FakeImsConfig} to call it directly, the public
 * package and the internal ones would form one package cycle. Implemented once, inside this library, and
 * found with {@link ServiceLoader} ({@code META-INF/services/io.github.fakeims.server.FakeImsImplementation});
 * not for users to implement or call: use {@link FakeImsServer}, {@link FakeImsAdminClient} and {@link FakeImsConfig}.
 */
public interface FakeImsImplementation {

    /** Binds the listeners {@code config} asks for and serves on them; see {@link FakeImsServer#start(FakeImsConfig)}. */
    Listening start(FakeImsConfig config);

    /** The admin HTTP API of the fake at {@code baseUrl}, as a {@link FakeIms}; see {@link FakeImsAdminClient}. */
    Remote connect(URI baseUrl, Optional<String> adminToken, Optional<SSLContext> tls);

    /** Reads the JSON configuration format; relative certificate paths resolve against {@code folder}. */
    FakeImsConfig.Builder parseConfig(String json, Path folder);

    /** {@code config} in the JSON format {@link #parseConfig} reads (certificates as PEM text; the clock is not carried). */
    String writeConfig(FakeImsConfig config);

    /** A fake serving in this JVM: its control plane and its listeners. */
    interface Listening extends AutoCloseable {
        /** The control plane: credentials, journal, faults, clock, issued tokens, reset. */
        FakeIms control();

        /** The plain HTTP listener's URL, or the HTTPS one's when plain HTTP is off. */
        URI baseUrl();

        /** The port of {@link #baseUrl()}. */
        int port();

        Optional<URI> httpsBaseUrl();

        OptionalInt httpsPort();

        /** The HTTPS listener's certificate and CA, when HTTPS is on. */
        Optional<FakeImsTls> tls();

        /** Stops listening; safe to call more than once. */
        @Override
        void close();
    }

    /** A fake elsewhere, driven through its admin HTTP API. */
    interface Remote extends FakeIms {
        /** Whether {@code /fake-ims/health} answers UP. */
        boolean isHealthy();
    }
}
