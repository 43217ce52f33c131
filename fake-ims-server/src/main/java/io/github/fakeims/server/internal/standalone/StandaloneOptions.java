package io.github.fakeims.server.internal.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The standalone fake's command line and environment, options winning over the environment. */
record StandaloneOptions(Optional<String> host, Optional<Integer> port, Optional<Path> config, Optional<String> configJson, Path demoDir,
                         Optional<String> adminToken, boolean adminApiOff, Optional<String> tokenSecret, boolean help, Tls tls,
                         List<Path> imports) {

    /** The HTTPS options: the port, whether plain HTTP stays on, the certificate's extra names, where the CA goes, the user's own key store. */
    record Tls(Optional<Integer> httpsPort, boolean httpOff, List<String> subjectAlternativeNames, Path dir,
               Optional<Path> keyStore, Optional<String> keyStorePassword) {
    }

    static StandaloneOptions parse(String[] args, Map<String, String> env) {
        Optional<String> host = nonBlank(env.get("FAKE_IMS_HOST"));
        Optional<String> port = nonBlank(env.get("FAKE_IMS_PORT"));
        Optional<String> config = nonBlank(env.get("FAKE_IMS_CONFIG"));
        Optional<String> configJson = nonBlank(env.get("FAKE_IMS_CONFIG_JSON"));
        Optional<String> adminToken = secret(env.get("FAKE_IMS_ADMIN_TOKEN"), "FAKE_IMS_ADMIN_TOKEN");
        Optional<String> tokenSecret = secret(env.get("FAKE_IMS_TOKEN_SECRET"), "FAKE_IMS_TOKEN_SECRET");
        boolean adminApiOffFlag = false;
        Path demoDir = Path.of(System.getProperty("java.io.tmpdir"), "fake-ims-demo");
        boolean help = false;
        Optional<String> httpsPort = nonBlank(env.get("FAKE_IMS_HTTPS_PORT"));
        boolean httpOffFlag = false;
        List<String> sans = new ArrayList<>(nonBlank(env.get("FAKE_IMS_TLS_SAN")).map(value -> List.of(value.split(","))).orElse(List.of())
                .stream().map(String::strip).filter(name -> !name.isEmpty()).toList());
        Path tlsDir = Path.of(System.getProperty("java.io.tmpdir"), "fake-ims-tls");
        Optional<String> keyStore = nonBlank(env.get("FAKE_IMS_TLS_KEYSTORE"));
        Optional<String> keyStorePassword = Optional.ofNullable(env.get("FAKE_IMS_TLS_KEYSTORE_PASSWORD"));
        List<Path> imports = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--no-admin-api" -> {
                    if (arg.contains("=")) {
                        throw new IllegalArgumentException("--no-admin-api takes no value");
                    }
                    adminApiOffFlag = true;
                }
                case "--no-http" -> {
                    if (arg.contains("=")) {
                        throw new IllegalArgumentException("--no-http takes no value");
                    }
                    httpOffFlag = true;
                }
                case "--host", "--port", "--config", "--demo-dir", "--admin-token", "--token-secret", "--https-port", "--tls-san", "--tls-dir",
                     "--tls-keystore", "--tls-keystore-password", "--import" -> {
                    String value;
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    switch (name) {
                        case "--host" -> host = Optional.of(value);
                        case "--port" -> port = Optional.of(value);
                        case "--config" -> {
                            config = Optional.of(value);
                            configJson = Optional.empty();
                        }
                        case "--admin-token" -> adminToken = Optional.of(nonBlank(value).orElseThrow(() ->
                                new IllegalArgumentException("--admin-token needs a non-blank value (an unset variable?)")));
                        case "--https-port" -> httpsPort = Optional.of(value);
                        case "--tls-san" -> sans.add(value);
                        case "--tls-dir" -> tlsDir = Path.of(value);
                        case "--tls-keystore" -> keyStore = Optional.of(value);
                        case "--tls-keystore-password" -> keyStorePassword = Optional.of(value);
                        case "--import" -> imports.add(Path.of(value));
                        case "--token-secret" -> tokenSecret = Optional.of(nonBlank(value).orElseThrow(() ->
                                new IllegalArgumentException("--token-secret needs a non-blank value (an unset variable?)")));
                        default -> demoDir = Path.of(value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        // The environment's setting is read only when no option overrides it, as for the port.
        boolean adminApiOff = adminApiOffFlag || nonBlank(env.get("FAKE_IMS_ADMIN_API")).map(value -> switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "off", "false" -> true;
            case "on", "true" -> false;
            default -> throw new IllegalArgumentException("FAKE_IMS_ADMIN_API: '" + value + "' is not on or off");
        }).orElse(false);
        if (config.isPresent() && configJson.isPresent()) {
            throw new IllegalArgumentException("FAKE_IMS_CONFIG and FAKE_IMS_CONFIG_JSON are both set; use one");
        }
        boolean httpOff = httpOffFlag || nonBlank(env.get("FAKE_IMS_HTTP")).map(value -> switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "off", "false" -> true;
            case "on", "true" -> false;
            default -> throw new IllegalArgumentException("FAKE_IMS_HTTP: '" + value + "' is not on or off");
        }).orElse(false);
        Optional<Integer> https = httpsPort.map(StandaloneOptions::port);
        if (httpOff && https.isEmpty()) {
            throw new IllegalArgumentException("--no-http needs --https-port (the fake must listen somewhere)");
        }
        if ((keyStore.isPresent() || !sans.isEmpty()) && https.isEmpty()) {
            throw new IllegalArgumentException((keyStore.isPresent() ? "--tls-keystore" : "--tls-san") + " needs --https-port");
        }
        Tls tls = new Tls(https, httpOff, List.copyOf(sans), tlsDir, keyStore.map(Path::of), keyStorePassword);
        return new StandaloneOptions(host, port.map(StandaloneOptions::port), config.map(Path::of), configJson, demoDir, adminToken, adminApiOff,
                tokenSecret, help, tls, List.copyOf(imports));
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("port: '" + text + "' is not a port number (0-65535)");
    }

    /** An empty variable is an unset one; one of only blanks is a mistake that would turn a check off, so it is refused. */
    private static Optional<String> secret(String value, String variable) {
        if (value != null && !value.isEmpty() && value.isBlank()) {
            throw new IllegalArgumentException(variable + " is blank; set a value, or leave it empty or unset for none");
        }
        return nonBlank(value);
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(text -> !text.isEmpty());
    }
}
