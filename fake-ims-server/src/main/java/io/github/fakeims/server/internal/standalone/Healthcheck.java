package io.github.fakeims.server.internal.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;

/**
 * {@code java -jar fake-ims-server.jar healthcheck}: for a container's {@code HEALTHCHECK}, whose image
 * has no curl. Exit 0 when {@code /fake-ims/health} on the local port answers 200.
 */
final class Healthcheck {

    private Healthcheck() {
    }

    static int run(Map<String, String> env, PrintStream err) {
        String port = env.getOrDefault("FAKE_IMS_PORT", "8080").trim();
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/fake-ims/health").toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            connection.disconnect();
            if (status == 200) {
                return 0;
            }
            err.println("fake-ims healthcheck: /fake-ims/health answered " + status);
        } catch (IOException | IllegalArgumentException e) {
            err.println("fake-ims healthcheck: " + e.getMessage());
        }
        return 1;
    }
}
