package io.github.fakeims.benchmarks.coldstart;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.fakeims.benchmarks.BenchCredential;
import io.github.fakeims.benchmarks.LoopbackHttp;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child main: the do-it-yourself alternative, a WireMock server stubbing {@code POST /ims/exchange/jwt}
 * with a canned token. It receives the same request as our fake (and checks nothing). Argument: the JWT file.
 */
public final class WireMockFirstToken {

    private static final String CANNED_TOKEN = "{\"token_type\":\"bearer\",\"access_token\":\"eyJhbGciOiJSUzI1NiJ9.e30.c2ln\","
            + "\"expires_in\":86399995}";

    public static void main(String[] args) throws Exception {
        long mainStarted = System.nanoTime();
        String jwt = Files.readString(Path.of(args[0])).trim();
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathEqualTo("/ims/exchange/jwt")).willReturn(okJson(CANNED_TOKEN)));
        long ready = System.nanoTime();
        String token = LoopbackHttp.postForm(new URL("http://127.0.0.1:" + server.port() + "/ims/exchange/jwt"),
                BenchCredential.exchangeForm(jwt)).accessToken();
        FirstToken.report(mainStarted, ready, token);
        server.stop();
        System.exit(0); // Jetty's threads are not daemons
    }
}
