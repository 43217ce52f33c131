package io.github.fakeims.benchmarks.coldstart;

import io.github.fakeims.benchmarks.BenchCredential;
import io.github.fakeims.benchmarks.LoopbackHttp;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * Child main: starts no.nav.security:mock-oauth2-server with its defaults and asks it for one
 * {@code client_credentials} token (its cheapest token request; it checks no JWT signature).
 */
public final class MockOAuth2ServerFirstToken {

    public static void main(String[] args) throws Exception {
        long mainStarted = System.nanoTime();
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        long ready = System.nanoTime();
        String token = LoopbackHttp.postForm(server.tokenEndpointUrl("default").url(),
                BenchCredential.clientCredentialsForm()).accessToken();
        FirstToken.report(mainStarted, ready, token);
        server.shutdown();
        System.exit(0); // its server threads are not daemons
    }
}
