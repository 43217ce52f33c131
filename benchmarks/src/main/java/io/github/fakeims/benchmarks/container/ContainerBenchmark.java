package io.github.fakeims.benchmarks.container;

import io.github.fakeims.benchmarks.Measurement;
import io.github.fakeims.benchmarks.Settings;
import io.github.fakeims.benchmarks.Stats;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The image (issue 5): its size, and {@code docker run} to healthy and to the first token, median of a
 * few starts. It needs a Docker engine and the image ({@code FAKE_IMS_IMAGE}, default
 * {@code fake-ims:latest}); without them it says why and measures nothing.
 */
public final class ContainerBenchmark {

    private static final String DEMO_TOKEN_FORM = "grant_type=client_credentials&client_id=fake-ims-demo-client"
            + "&client_secret=p8e-fake-ims-demo-secret&scope=openid";

    private final Settings settings;
    private final String image;

    public ContainerBenchmark(Settings settings) {
        this.settings = settings;
        this.image = Optional.ofNullable(System.getenv("FAKE_IMS_IMAGE")).filter(name -> !name.isBlank()).orElse("fake-ims:latest");
    }

    /** Why it cannot run here, if it cannot. */
    public Optional<String> unavailable() {
        try {
            if (docker("info", "--format", "{{.ServerVersion}}").isEmpty()) {
                return Optional.of("no Docker engine answers");
            }
            if (docker("image", "inspect", "--format", "{{.Size}}", image).isEmpty()) {
                return Optional.of("no image " + image + " (build it: docker build -f src/docker/Dockerfile -t " + image + " .)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("no docker command (" + e.getMessage() + ")");
        }
    }

    public List<Measurement> run() {
        List<Measurement> measurements = new ArrayList<>();
        try {
            long size = Long.parseLong(docker("image", "inspect", "--format", "{{.Size}}", image).trim());
            measurements.add(new Measurement("container.image_size_mb", size / 1e6, "MB"));
            int starts = settings.isSmoke() ? 1 : 5;
            List<Double> healthy = new ArrayList<>();
            List<Double> firstToken = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                double[] times = startOnce();
                healthy.add(times[0]);
                firstToken.add(times[1]);
            }
            measurements.add(new Measurement("container.run_to_healthy_ms", Stats.median(healthy), "ms"));
            measurements.add(new Measurement("container.run_to_first_token_ms", Stats.median(firstToken), "ms"));
        } catch (IOException e) {
            throw new IllegalStateException("container benchmark: " + e.getMessage(), e);
        }
        return measurements;
    }

    /** One {@code docker run}: milliseconds to a healthy answer and to the first token. */
    private double[] startOnce() throws IOException {
        long start = System.nanoTime();
        String id = docker("run", "-d", "--rm", "-p", "127.0.0.1::8080", image).trim();
        try {
            String hostPort = docker("port", id, "8080").lines().findFirst().orElseThrow().trim();
            URI base = URI.create("http://" + hostPort);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (status(base.resolve("/fake-ims/health"), null) != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the container did not become healthy within 60 s");
                }
                sleep();
            }
            double healthy = (System.nanoTime() - start) / 1e6;
            if (status(base.resolve("/ims/token/v3"), DEMO_TOKEN_FORM) != 200) {
                throw new IOException("the container's first token request failed");
            }
            return new double[] {healthy, (System.nanoTime() - start) / 1e6};
        } finally {
            docker("rm", "-f", id);
        }
    }

    private static int status(URI url, String form) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            if (form != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.getOutputStream().write(form.getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            connection.getInputStream().readAllBytes();
            connection.disconnect();
            return status;
        } catch (IOException e) {
            return 0; // not up yet
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code docker …}; its output, or empty when it failed. */
    private static String docker(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return process.waitFor() == 0 ? output : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
