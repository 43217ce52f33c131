package io.github.fakeims.benchmarks.load;

import io.github.fakeims.benchmarks.BenchCredential;
import io.github.fakeims.benchmarks.Measurement;
import io.github.fakeims.benchmarks.Settings;
import io.github.fakeims.benchmarks.SignedJwts;
import io.github.fakeims.benchmarks.Stats;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import java.net.URL;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Child main: throughput and latency of {@code /ims/exchange/jwt} and {@code /ims/token/v3} with 1, 4 and
 * 16 clients over loopback HTTP against an in-process fake, each right after measuring, in the same JVM,
 * the crypto limit it is reported as a fraction of.
 */
public final class LoadBenchmarkMain {

    /** Distinct pre-signed JWTs sent in turn: enough that no single JWT's parse is cached anywhere. */
    private static final int SIGNED_JWTS = 64;

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.current();
        SignedJwts keys = SignedJwts.create();
        try (FakeImsServer server = FakeImsServer.start(FakeImsConfig.builder().credential(keys.credential()).build())) {
            LoadDriver exchange = new LoadDriver(new URL(server.baseUrl() + "/ims/exchange/jwt"),
                    keys.exchangeForms(server.baseUrl(), SIGNED_JWTS));
            LoadDriver token = new LoadDriver(new URL(server.baseUrl() + "/ims/token/v3"),
                    List.of(BenchCredential.clientCredentialsForm()));
            CryptoLimit crypto = new CryptoLimit(keys.sign(server.baseUrl(), Duration.ofHours(1)),
                    (RSAPublicKey) keys.keys().certificate().getPublicKey());
            int cores = Runtime.getRuntime().availableProcessors();

            // Warm the JIT on both paths before anything is measured.
            Duration halfWarmup = settings.loadGlobalWarmup().dividedBy(2);
            exchange.runFor(4, halfWarmup, Duration.ZERO);
            token.runFor(4, halfWarmup, Duration.ZERO);

            // Each configuration is measured right after its own crypto limit, so a burst of outside load
            // on this shared machine hits both sides of the ratio alike.
            List<Double> exchangeLimits = new ArrayList<>();
            List<Double> tokenLimits = new ArrayList<>();
            for (int clients : settings.clientCounts()) {
                exchangeLimits.add(measure("exchange", exchange, clients, crypto::exchange, cores, settings));
            }
            for (int clients : settings.clientCounts()) {
                tokenLimits.add(measure("token", token, clients, crypto::sign, cores, settings));
            }

            Measurement.print("crypto.threads", cores, "count");
            Measurement.print("crypto.exchange_limit_per_s", Stats.median(exchangeLimits), "per_s");
            Measurement.print("crypto.token_limit_per_s", Stats.median(tokenLimits), "per_s");
            Measurement.print("crypto.verify_us", 1e6 / CryptoLimit.operationsPerSecond(crypto::verify, 1,
                    settings.cryptoWarmup(), settings.cryptoMeasure()), "us");
            Measurement.print("crypto.sign_us", 1e6 / CryptoLimit.operationsPerSecond(crypto::sign, 1,
                    settings.cryptoWarmup(), settings.cryptoMeasure()), "us");
        }
    }

    /** The crypto limit, then the load against it; prints the load's measurements and returns the limit. */
    private static double measure(String endpoint, LoadDriver driver, int clients, Runnable crypto, int cores, Settings settings) {
        double limit = CryptoLimit.operationsPerSecond(crypto, cores, settings.cryptoWarmup(), settings.cryptoMeasure());
        LoadDriver.Result result = driver.runFor(clients, settings.loadWarmupPerConfig(), settings.loadMeasurePerConfig());
        print(endpoint, result, limit);
        return limit;
    }

    private static void print(String endpoint, LoadDriver.Result result, double cryptoLimit) {
        String prefix = "load." + endpoint + ".c" + result.clients() + ".";
        Measurement.print(prefix + "requests", result.requests(), "count");
        Measurement.print(prefix + "errors", result.errors(), "count");
        Measurement.print(prefix + "throughput_per_s", result.throughputPerSecond(), "per_s");
        Measurement.print(prefix + "crypto_limit_per_s", cryptoLimit, "per_s");
        Measurement.print(prefix + "fraction_of_crypto_limit", result.throughputPerSecond() / cryptoLimit, "ratio");
        Measurement.print(prefix + "p50_ms", result.p50Millis(), "ms");
        Measurement.print(prefix + "p99_ms", result.p99Millis(), "ms");
        Measurement.print(prefix + "p99_over_p50", result.p99Millis() / result.p50Millis(), "ratio");
    }
}
