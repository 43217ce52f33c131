package io.github.fakeims.server.internal.standalone;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.CredentialFiles;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsTls;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.internal.tools.ToolsCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar fake-ims-server.jar [--host H] [--port N] [--config FILE]}: runs the fake until
 * SIGTERM or Ctrl-C. Options win over the environment ({@code FAKE_IMS_HOST}, {@code FAKE_IMS_PORT},
 * {@code FAKE_IMS_CONFIG}, {@code FAKE_IMS_ADMIN_TOKEN}, {@code FAKE_IMS_ADMIN_API}). Without a configuration it starts with a demo credential.
 */
public final class Main {

    static final String USAGE = """
            Usage: java -jar fake-ims-server.jar [options]          runs the fake
                   java -jar fake-ims-server.jar TOOL [options]     runs a tool (below)

              --port N         port to listen on (default 8080, env FAKE_IMS_PORT; 0 = any free port)
              --host H         address to bind (default 127.0.0.1, env FAKE_IMS_HOST; 0.0.0.0 for all)
              --config FILE    JSON configuration: credentials, public base URLs (env FAKE_IMS_CONFIG;
                               or the JSON itself in env FAKE_IMS_CONFIG_JSON)
              --demo-dir DIR   where the demo credential's key is written when there is no config
                               (default: <tmp>/fake-ims-demo)
              --admin-token T  the admin API (/fake-ims/…) requires Authorization: Bearer T
                               (env FAKE_IMS_ADMIN_TOKEN; set it when others can reach the fake)
              --no-admin-api   turn the admin API off; /fake-ims/health still answers (env FAKE_IMS_ADMIN_API=off)
              --https-port N   also serve HTTPS on N (0 = any free port; env FAKE_IMS_HTTPS_PORT)
              --no-http        HTTPS only (env FAKE_IMS_HTTP=off)
              --tls-san NAME   one more DNS name or IP address for the throwaway server certificate (repeatable;
                               env FAKE_IMS_TLS_SAN, comma-separated)
              --tls-dir DIR    where ca.pem and truststore.p12 of the throwaway CA go (default: <tmp>/fake-ims-tls)
              --tls-keystore FILE  your own PKCS#12 (or .jks) key store instead of the throwaway CA
                               (env FAKE_IMS_TLS_KEYSTORE; --tls-keystore-password P, env FAKE_IMS_TLS_KEYSTORE_PASSWORD)
              --import FILE    register the credential(s) of an AEM service credentials JSON, a Console workspace JSON
                               or aio-lib-java properties (repeatable)
              --token-secret S the secret that keys access token ids (env FAKE_IMS_TOKEN_SECRET): replicas with
                               the same secret accept each other's tokens (default: random per start and reset)
              --help           this text

            Tools (each with --help):
              keygen       a key pair and self-signed certificate (PEM), and a credential entry for --config
              jwt          mint a Service Account JWT from a private key and ids (exp 24 h, as the Console)
              curl         print a ready-to-paste command that exchanges such a JWT
              verify-jwt   check a JWT against a certificate and credential; every problem, exit 1 if any
              healthcheck  exit 0 when the fake on FAKE_IMS_PORT (default 8080) answers /fake-ims/health
            """;

    private Main() {
    }

    /** The exit status when an {@link Error} killed a thread: a supervisor restarts the fake rather than keep a zombie. */
    static final int ERROR_EXIT_STATUS = 70;

    public static void main(String[] args) {
        if (args.length == 0 || !ToolsCommand.NAMES.contains(args[0]) && !args[0].equals("healthcheck")) {
            StdoutLogging.install();
            exitOnUncaughtErrors();
        }
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * An {@link Error} that kills a thread (e.g. an OutOfMemoryError on the JDK server's dispatcher) would
     * leave a process that listens but never answers: exit instead, non-zero, so that a supervisor
     * (Docker's restart policy, systemd, CI) starts a fresh one. The fake's own workers catch what they throw.
     */
    private static void exitOnUncaughtErrors() {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            if (failure instanceof Error) {
                System.err.println("fake-ims: thread " + thread.getName() + " died of " + failure + "; exiting with status "
                        + ERROR_EXIT_STATUS + " so that a supervisor can restart the fake");
                Runtime.getRuntime().halt(ERROR_EXIT_STATUS);
            }
            System.err.println("fake-ims: thread " + thread.getName() + " died of " + failure);
        });
    }

    /** Starts the fake and blocks until the JVM is asked to stop; returns non-zero on bad input. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("healthcheck")) {
            return Healthcheck.run(env, err);
        }
        if (args.length > 0 && ToolsCommand.NAMES.contains(args[0])) {
            return ToolsCommand.run(args, out, err);
        }
        StandaloneOptions options;
        try {
            options = StandaloneOptions.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("fake-ims: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        FakeImsServer server;
        try {
            server = start(options, out);
        } catch (RuntimeException | IOException e) {
            err.println("fake-ims: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            out.println("Fake IMS stopped");
            stopped.countDown();
        }, "fake-ims-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static FakeImsServer start(StandaloneOptions options, PrintStream out) throws IOException {
        FakeImsConfig.Builder config = options.config().map(FakeImsConfig::fromFile)
                .or(() -> options.configJson().map(FakeImsConfig::fromJson))
                .map(FakeImsConfig::toBuilder)
                .orElseGet(() -> FakeImsConfig.builder().credential(DemoCredential.credential(), DemoCredential.privateKey()));
        // A config file's own port is used unless it is 0; the standalone default is 8080.
        int filePort = config.build().port();
        config.port(options.port().orElse(filePort != 0 ? filePort : 8080));
        options.host().ifPresent(config::host);
        options.adminToken().ifPresent(config::adminToken);
        options.tokenSecret().ifPresent(config::tokenSecret);
        if (options.adminApiOff()) {
            config.adminApi(false);
        }
        importFiles(options.imports(), config);
        configureTls(options.tls(), config);
        FakeImsServer server = FakeImsServer.start(config.build());
        Optional<Path> caFile = server.tls().isPresent() ? Optional.of(writeCa(server.tls().get(), options.tls().dir(), out)) : Optional.empty();
        if (options.config().isEmpty() && options.configJson().isEmpty()) {
            printDemo(server, options.demoDir(), caFile, out);
        }
        if (server.config().http()) {
            out.println("Fake IMS listening on http://" + hostForUrl(server.config().host()) + ":" + server.port());
        }
        server.httpsPort().ifPresent(port -> out.println("Fake IMS listening on https://" + hostForUrl(server.config().host()) + ":" + port));
        FakeImsConfig started = server.config();
        out.println(!started.adminApi() ? "Admin API off"
                : "Admin API on /fake-ims/ (" + (started.adminToken().isPresent() ? "bearer token required)" : "no token required)"));
        if (started.adminApi()) {
            out.println("Console: open " + server.baseUrl() + "/fake-ims/console/ in a browser");
        }
        if (started.adminApi() && started.adminToken().isEmpty() && !isLoopback(started.host())) {
            out.println("WARNING: bound to " + started.host() + " with no admin token: anyone who can reach this port can change"
                    + " the fake and read its client secrets; set --admin-token (FAKE_IMS_ADMIN_TOKEN) when others can reach it");
        }
        return server;
    }

    /** Each file's credentials become part of the configuration, so a reset keeps them and a bad file stops the start. */
    private static void importFiles(List<Path> files, FakeImsConfig.Builder config) throws IOException {
        for (Path file : files) {
            CredentialFiles.Imported imported;
            try {
                imported = CredentialFiles.read(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--import " + file + ": " + e.getMessage(), e);
            }
            FakeImsConfig sofar = config.build();
            Map<String, PrivateKey> keys = new LinkedHashMap<>(sofar.privateKeys());
            List<Credential> credentials = new ArrayList<>(sofar.credentials());
            for (Credential credential : imported.credentials()) {
                credentials.removeIf(existing -> existing.clientId().equals(credential.clientId()));
                keys.remove(credential.clientId());
                credentials.add(credential);
            }
            keys.putAll(imported.privateKeys());
            config.credentials(credentials).privateKeys(keys);
        }
    }

    private static void configureTls(StandaloneOptions.Tls tls, FakeImsConfig.Builder config) {
        if (tls.httpsPort().isEmpty()) {
            return;
        }
        config.httpsPort(tls.httpsPort().get()).http(!tls.httpOff()).tlsSubjectAlternativeNames(tls.subjectAlternativeNames());
        tls.keyStore().ifPresent(file -> config.tls(FakeImsTls.fromKeyStore(file, tls.keyStorePassword().orElse("").toCharArray())));
    }

    /** Writes the CA as PEM and as a PKCS#12 trust store, for clients to trust; prints where. */
    private static Path writeCa(FakeImsTls tls, Path dir, PrintStream out) throws IOException {
        Files.createDirectories(dir);
        Path pem = dir.resolve("ca.pem");
        Path trustStore = dir.resolve("truststore.p12");
        Files.writeString(pem, tls.caCertificatePem(), StandardCharsets.US_ASCII);
        Files.deleteIfExists(trustStore);
        tls.writeTrustStore(trustStore);
        out.println("TLS: trust the fake's CA (" + tls.caCertificate().getSubjectX500Principal().getName() + "), also at GET /fake-ims/tls/ca.pem:");
        out.println("  CA certificate       " + pem);
        out.println("  PKCS#12 trust store  " + trustStore + " (password " + FakeImsTls.TRUST_STORE_PASSWORD + ")");
        out.println("  e.g. curl --cacert " + pem + ", SSL_CERT_FILE=" + pem + ", NODE_EXTRA_CA_CERTS=" + pem
                + ", -Djavax.net.ssl.trustStore=" + trustStore);
        return pem;
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host.replaceAll("^\\[|\\]$", "")).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void printDemo(FakeImsServer server, Path demoDir, Optional<Path> caFile, PrintStream out) throws IOException {
        Optional<Path> cacert = server.baseUrl().getScheme().equals("https") ? caFile : Optional.empty();
        Path script = DemoCredential.writeTo(demoDir, server.baseUrl(), cacert);
        out.println("No --config given: started with a demo credential (its key pair is public; for trying things only).");
        out.println("  client_id            " + DemoCredential.CLIENT_ID);
        out.println("  client_secret        " + DemoCredential.CLIENT_SECRET);
        out.println("  org (iss)            " + DemoCredential.ORG_ID);
        out.println("  technical account    " + DemoCredential.TECHNICAL_ACCOUNT_ID);
        out.println("  metascope            " + DemoCredential.METASCOPE);
        out.println("  private key, cert    " + demoDir.resolve("private.key") + ", " + demoDir.resolve("certificate.pem"));
        out.println("Mint a Service Account JWT and exchange it (needs openssl and curl):");
        out.println("  sh " + script);
        out.println("Or get an OAuth Server-to-Server token:");
        out.println("  curl -sS" + cacert.map(file -> " --cacert " + file).orElse("") + " -X POST " + server.baseUrl() + "/ims/token/v3 -d grant_type=client_credentials -d client_id="
                + DemoCredential.CLIENT_ID + " -d client_secret=" + DemoCredential.CLIENT_SECRET + " -d scope=openid,AdobeID");
    }
}
