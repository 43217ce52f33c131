package io.github.fakeims.benchmarks.coldstart;

import io.github.fakeims.benchmarks.BenchCredential;
import io.github.fakeims.benchmarks.LoopbackHttp;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child main: starts our fake in-process with the benchmark credential and exchanges one pre-signed
 * Service Account JWT. Arguments: the certificate PEM file and the JWT file.
 */
public final class FakeImsFirstToken {

    public static void main(String[] args) throws Exception {
        long mainStarted = System.nanoTime();
        String certificatePem = Files.readString(Path.of(args[0]));
        String jwt = Files.readString(Path.of(args[1])).trim();
        // The JWT's aud names a fixed public base URL, so it can be signed before the port is known.
        FakeImsServer server = FakeImsServer.start(FakeImsConfig.builder()
                .publicBaseUrl(URI.create(ColdStartBenchmark.PUBLIC_BASE_URL))
                .credential(BenchCredential.registered(certificatePem))
                .build());
        long ready = System.nanoTime();
        String token = LoopbackHttp.postForm(new URL(server.baseUrl() + "/ims/exchange/jwt"),
                BenchCredential.exchangeForm(jwt)).accessToken();
        FirstToken.report(mainStarted, ready, token);
        server.close();
        System.exit(0); // like the others: the process ends as soon as the token is in
    }
}
