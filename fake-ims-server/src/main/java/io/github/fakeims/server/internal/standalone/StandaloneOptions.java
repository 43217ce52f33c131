package io.github.fakeims.server.internal.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** The standalone fake's command line (read by picocli, as the jar's tools are) and environment, options winning over the environment. */
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
        Path demoDir = Path.of(System.getProperty("java.io.tmpdir"), "fake-ims-demo");
        Optional<String> httpsPort = nonBlank(env.get("FAKE_IMS_HTTPS_PORT"));
        List<String> sans = new ArrayList<>(nonBlank(env.get("FAKE_IMS_TLS_SAN")).map(value -> List.of(value.split(","))).orElse(List.of())
                .stream().map(String::strip).filter(name -> !name.isEmpty()).toList());
        Path tlsDir = Path.of(System.getProperty("java.io.tmpdir"), "fake-ims-tls");
        Optional<String> keyStore = nonBlank(env.get("FAKE_IMS_TLS_KEYSTORE"));
        Optional<String> keyStorePassword = Optional.ofNullable(env.get("FAKE_IMS_TLS_KEYSTORE_PASSWORD"));
        Command given = Command.parse(args);
        // An option wins over its environment variable.
        if (given.host != null) {
            host = Optional.of(given.host);
        }
        if (given.port != null) {
            port = Optional.of(given.port);
        }
        if (given.config != null) {
            config = Optional.of(given.config);
            configJson = Optional.empty();
        }
        if (given.demoDir != null) {
            demoDir = Path.of(given.demoDir);
        }
        if (given.adminToken != null) {
            adminToken = Optional.of(nonBlank(given.adminToken).orElseThrow(() ->
                    new IllegalArgumentException("--admin-token needs a non-blank value (an unset variable?)")));
        }
        if (given.tokenSecret != null) {
            tokenSecret = Optional.of(nonBlank(given.tokenSecret).orElseThrow(() ->
                    new IllegalArgumentException("--token-secret needs a non-blank value (an unset variable?)")));
        }
        if (given.httpsPort != null) {
            httpsPort = Optional.of(given.httpsPort);
        }
        sans.addAll(given.tlsSans);
        if (given.tlsDir != null) {
            tlsDir = Path.of(given.tlsDir);
        }
        if (given.keyStore != null) {
            keyStore = Optional.of(given.keyStore);
        }
        if (given.keyStorePassword != null) {
            keyStorePassword = Optional.of(given.keyStorePassword);
        }
        List<Path> imports = given.imports.stream().map(Path::of).toList();
        boolean help = given.help;
        boolean adminApiOffFlag = given.adminApiOff;
        boolean httpOffFlag = given.httpOff;
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

    /**
     * The options as picocli reads them ({@code --name value} or {@code --name=value}); the environment
     * fallbacks and the checks across options are {@link #parse}'s. Values stay text here, so that a bad
     * port is reported in our words, naming the option or variable and the value.
     */
    @CommandLine.Command(name = "fake-ims-server")
    static final class Command {
        @CommandLine.Option(names = {"--help", "-h"}, arity = "0") boolean help;
        @CommandLine.Option(names = "--host") String host;
        @CommandLine.Option(names = "--port") String port;
        @CommandLine.Option(names = "--config") String config;
        @CommandLine.Option(names = "--demo-dir") String demoDir;
        @CommandLine.Option(names = "--admin-token") String adminToken;
        @CommandLine.Option(names = "--no-admin-api", arity = "0") boolean adminApiOff;
        @CommandLine.Option(names = "--token-secret") String tokenSecret;
        @CommandLine.Option(names = "--https-port") String httpsPort;
        @CommandLine.Option(names = "--no-http", arity = "0") boolean httpOff;
        @CommandLine.Option(names = "--tls-san") List<String> tlsSans = new ArrayList<>();
        @CommandLine.Option(names = "--tls-dir") String tlsDir;
        @CommandLine.Option(names = "--tls-keystore") String keyStore;
        @CommandLine.Option(names = "--tls-keystore-password") String keyStorePassword;
        @CommandLine.Option(names = "--import") List<String> imports = new ArrayList<>();

        /** {@code args} read; a mistake is an {@link IllegalArgumentException} that names the option. */
        static Command parse(String[] args) {
            Command command = new Command();
            CommandLine line = new CommandLine(command)
                    .setOverwrittenOptionsAllowed(true) // the last --port wins, as before
                    .setUnmatchedOptionsArePositionalParams(false);
            try {
                line.parseArgs(args);
            } catch (CommandLine.UnmatchedArgumentException e) {
                String unknown = String.join(" ", e.getUnmatched());
                throw new IllegalArgumentException((unknown.startsWith("-") ? "unknown option " : "unexpected argument ") + unknown, e);
            } catch (CommandLine.MissingParameterException e) {
                String names = e.getMissing().stream().map(arg -> arg instanceof CommandLine.Model.OptionSpec option
                        ? option.longestName() : arg.paramLabel()).collect(java.util.stream.Collectors.joining(", "));
                throw new IllegalArgumentException(names + " needs a value", e);
            } catch (CommandLine.ParameterException e) {
                // e.g. "option '--no-http' should be specified without 'yes' parameter": picocli's words name the option
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return command;
        }
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
