package io.github.fakeims.server;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.internal.core.JsonValues;
import io.github.fakeims.server.internal.core.PrivateKeyPem;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads and writes the credential files Adobe hands out, so code that loads them runs unchanged against
 * the fake: AEM as a Cloud Service's service credentials, the Developer Console's workspace JSON, and
 * aio-lib-java's {@code aio_*} properties. A malformed file fails with an {@link IllegalArgumentException}
 * naming the field, e.g. {@code integration.technicalAccount.clientId: required}.
 */
public final class CredentialFiles {

    /** What reading a file gave: the credentials it describes and the private keys it carried, by client id. */
    public record Imported(CredentialFileFormat format, List<Credential> credentials, Map<String, PrivateKey> privateKeys) {
        public Imported {
            credentials = List.copyOf(credentials);
            privateKeys = Map.copyOf(privateKeys);
        }
    }

    /** The Developer Console ids of a credential's project; {@link #derivedFrom} makes stable ones for the fake's credentials. */
    public record ConsoleIds(String consumerOrgId, String projectId, String workspaceId, String credentialId) {

        /** Console-shaped numeric ids derived from the client id, the same on every export. */
        public static ConsoleIds derivedFrom(String clientId) {
            byte[] hash = sha256(clientId);
            return new ConsoleIds(digits(hash, 0), digits(hash, 8), digits(hash, 16), digits(hash, 24));
        }

        private static String digits(byte[] hash, int offset) {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[offset + i] & 0xFF);
            }
            return Long.toString(1_000_000_000_000L + Math.floorMod(value, 9_000_000_000_000L));
        }
    }

    private CredentialFiles() {
    }

    /**
     * AEM's service credentials for a Service Account credential: {@code imsEndpoint} is {@code host[:port]}
     * (clients prefix {@code https://}), {@code metascopes} one comma-separated string, the key PKCS#1 and the
     * certificate (called {@code publicKey}) with CRLF line breaks, as AEM's Developer Console writes them.
     *
     * @throws IllegalArgumentException when none of the credential's certificates belongs to the key
     */
    public static String aemServiceCredentials(Credential credential, PrivateKey privateKey, String imsEndpoint) {
        X509Certificate certificate = credential.certificates().stream().filter(candidate -> PrivateKeyPem.matches(privateKey, candidate))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("client_id " + credential.clientId()
                        + ": none of its certificates belongs to the private key the fake holds (it was replaced since)"));
        Map<String, Object> technicalAccount = new LinkedHashMap<>();
        technicalAccount.put("clientId", credential.clientId());
        technicalAccount.put("clientSecret", credential.clientSecret());
        Map<String, Object> integration = new LinkedHashMap<>();
        integration.put("imsEndpoint", imsEndpoint);
        integration.put("metascopes", String.join(",", new TreeSet<>(credential.metascopes())));
        integration.put("technicalAccount", technicalAccount);
        integration.put("email", credential.technicalAccountId());
        integration.put("id", credential.technicalAccountId());
        integration.put("org", credential.orgId());
        integration.put("privateKey", PrivateKeyPem.pkcs1(privateKey, "\r\n"));
        integration.put("publicKey", X509CertUtils.toPEMString(certificate).replace("\n", "\r\n") + "\r\n");
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("ok", true);
        file.put("integration", integration);
        file.put("statusCode", 200);
        return JSONObjectUtils.toJSONString(file);
    }

    /**
     * The Developer Console workspace JSON ({@code aio app use} reads it) for the credential: a {@code service}
     * (JWT) entry when it may use the JWT exchange, an {@code oauth_server_to_server} entry when it may use
     * client credentials. The Console's file carries no certificate; the fake adds
     * {@code jwt.fake_ims_certificates} (PEM) so that importing the file into another fake works.
     */
    public static String consoleWorkspace(Credential credential, ConsoleIds ids) {
        List<Object> credentials = new ArrayList<>();
        if (credential.allows(Grant.JWT_EXCHANGE)) {
            Map<String, Object> jwt = new LinkedHashMap<>();
            jwt.put("client_id", credential.clientId());
            jwt.put("client_secret", credential.clientSecret());
            jwt.put("technical_account_email", credential.technicalAccountId());
            jwt.put("technical_account_id", credential.technicalAccountId());
            jwt.put("meta_scopes", new TreeSet<>(credential.metascopes()).stream().toList());
            jwt.put("fake_ims_certificates", credential.certificates().stream().map(X509CertUtils::toPEMString).toList());
            credentials.add(consoleCredential(ids.credentialId(), "service", "jwt", jwt));
        }
        if (credential.allows(Grant.CLIENT_CREDENTIALS)) {
            Map<String, Object> oauth = new LinkedHashMap<>();
            oauth.put("client_id", credential.clientId());
            oauth.put("client_secrets", credential.clientSecrets()); // Console lists both while a secret is rotated
            oauth.put("technical_account_email", credential.technicalAccountId());
            oauth.put("technical_account_id", credential.technicalAccountId());
            oauth.put("scopes", new TreeSet<>(credential.scopes()).stream().toList());
            credentials.add(consoleCredential(credentials.isEmpty() ? ids.credentialId() : ids.credentialId() + "1",
                    "oauth_server_to_server", "oauth_server_to_server", oauth));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("credentials", credentials);
        details.put("services", List.of());
        details.put("runtime", Map.of("namespaces", List.of()));
        Map<String, Object> workspace = new LinkedHashMap<>();
        workspace.put("id", ids.workspaceId());
        workspace.put("name", "Stage");
        workspace.put("title", "Stage");
        workspace.put("action_url", "https://" + ids.projectId() + "-fakeims-stage.adobeio-static.net");
        workspace.put("app_url", "https://" + ids.projectId() + "-fakeims-stage.adobeio-static.net");
        workspace.put("details", details);
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("id", ids.consumerOrgId());
        org.put("name", "Fake IMS");
        org.put("ims_org_id", credential.orgId());
        Map<String, Object> project = new LinkedHashMap<>();
        project.put("id", ids.projectId());
        project.put("name", "FakeIms");
        project.put("title", "Fake IMS project");
        project.put("org", org);
        project.put("workspace", workspace);
        return JSONObjectUtils.toJSONString(Map.of("project", project));
    }

    /**
     * aio-lib-java's properties ({@code aio_ims_url}, {@code aio_api_key}, {@code aio_meta_scopes} with the
     * {@code /s/} prefix, {@code aio_encoded_pkcs8} when the key is given, …), one {@code key=value} a line.
     */
    public static String aioProperties(Credential credential, URI imsUrl, Optional<PrivateKey> privateKey, ConsoleIds ids) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aio_ims_url", imsUrl.toString());
        properties.put("aio_ims_org_id", credential.orgId());
        properties.put("aio_api_key", credential.clientId());
        properties.put("aio_client_secret", credential.clientSecret());
        properties.put("aio_technical_account_id", credential.technicalAccountId());
        properties.put("aio_meta_scopes", new TreeSet<>(credential.metascopes()).stream().map(code -> "/s/" + code).collect(Collectors.joining(",")));
        privateKey.ifPresent(key -> properties.put("aio_encoded_pkcs8", Base64.getEncoder().encodeToString(key.getEncoded())));
        properties.put("aio_oauth_scopes", String.join(",", new TreeSet<>(credential.scopes())));
        properties.put("aio_consumer_org_id", ids.consumerOrgId());
        properties.put("aio_project_id", ids.projectId());
        properties.put("aio_workspace_id", ids.workspaceId());
        properties.put("aio_credential_id", ids.credentialId());
        return properties.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Reads a file of any of the formats, recognized by its content. */
    public static Imported read(String file) {
        return read(file, detect(file));
    }

    /**
     * Reads a file of the given format.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static Imported read(String file, CredentialFileFormat format) {
        return switch (format) {
            case AEM_SERVICE_CREDENTIALS -> readAem(object(file, format));
            case CONSOLE_WORKSPACE -> readConsole(object(file, format));
            case AIO_PROPERTIES -> readAioProperties(file);
        };
    }

    /** The format of a file: JSON with {@code integration} (AEM), with {@code project} (Console), or {@code aio_*} properties. */
    public static CredentialFileFormat detect(String file) {
        String text = file == null ? "" : file.strip();
        if (text.startsWith("{")) {
            Map<String, Object> json = object(text, null);
            if (json.containsKey("integration")) {
                return CredentialFileFormat.AEM_SERVICE_CREDENTIALS;
            }
            if (json.containsKey("project")) {
                return CredentialFileFormat.CONSOLE_WORKSPACE;
            }
            if (json.containsKey("accessToken")) {
                throw new IllegalArgumentException("file: this is AEM's Local Development Access Token (it has accessToken), not service "
                        + "credentials; download the service credentials instead");
            }
            throw new IllegalArgumentException("file: a JSON object with neither integration (AEM service credentials) nor project "
                    + "(Developer Console workspace)");
        }
        if (text.contains("aio_api_key")) {
            return CredentialFileFormat.AIO_PROPERTIES;
        }
        throw new IllegalArgumentException("file: neither JSON (AEM service credentials, Console workspace) nor aio-lib-java properties "
                + "(aio_api_key=...); name the format with ?format=");
    }

    private static Imported readAem(Map<String, Object> file) {
        Map<String, Object> integration = child(file, "integration", "integration");
        Map<String, Object> account = child(integration, "technicalAccount", "integration.technicalAccount");
        String endpoint = field("integration.imsEndpoint", () -> JsonValues.string(integration, "imsEndpoint"));
        if (endpoint.isBlank() || endpoint.contains("/") || endpoint.contains(" ")) {
            throw new IllegalArgumentException("integration.imsEndpoint: '" + endpoint + "' is not host[:port] (AEM writes the host only, no scheme)");
        }
        String metascopes = field("integration.metascopes", () -> JsonValues.string(integration, "metascopes"));
        X509Certificate certificate = certificate("integration.publicKey", field("integration.publicKey",
                () -> JsonValues.string(integration, "publicKey")));
        PrivateKey key = field("integration.privateKey", () -> PrivateKeyPem.parse(JsonValues.string(integration, "privateKey")));
        if (!PrivateKeyPem.matches(key, certificate)) {
            throw new IllegalArgumentException("integration.privateKey: does not belong to the certificate in integration.publicKey");
        }
        List<String> codes = List.of(metascopes.split(",")).stream().map(String::strip).filter(code -> !code.isEmpty()).toList();
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("integration.metascopes: no metascope (a comma-separated list, e.g. ent_aem_cloud_sdk)");
        }
        Credential credential = build("integration", () -> Credential.builder()
                .clientId(field("integration.technicalAccount.clientId", () -> JsonValues.string(account, "clientId")))
                .clientSecret(field("integration.technicalAccount.clientSecret", () -> JsonValues.string(account, "clientSecret")))
                .orgId(field("integration.org", () -> JsonValues.string(integration, "org")))
                .technicalAccountId(field("integration.id", () -> JsonValues.string(integration, "id")))
                .certificate(certificate)
                .metascopes(codes)
                .grants(Grant.JWT_EXCHANGE));
        return new Imported(CredentialFileFormat.AEM_SERVICE_CREDENTIALS, List.of(credential), Map.of(credential.clientId(), key));
    }

    private static Imported readConsole(Map<String, Object> file) {
        Map<String, Object> project = child(file, "project", "project");
        Map<String, Object> org = child(project, "org", "project.org");
        String orgId = field("project.org.ims_org_id", () -> JsonValues.string(org, "ims_org_id"));
        Map<String, Object> workspace = child(project, "workspace", "project.workspace");
        Map<String, Object> details = child(workspace, "details", "project.workspace.details");
        Object list = details.get("credentials");
        if (!(list instanceof List<?> entries) || entries.isEmpty()) {
            throw new IllegalArgumentException("project.workspace.details.credentials: " + (list == null ? "required" : "must be a non-empty array"));
        }
        // One Console credential per kind; the two kinds of one client id (a migration) make one credential with both grants.
        Map<String, Pending> byClient = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = "project.workspace.details.credentials[" + i + "]";
            Map<String, Object> entry = asObject(entries.get(i), path);
            String type = field(path + ".integration_type", () -> JsonValues.string(entry, "integration_type"));
            switch (type) {
                case "service" -> {
                    Map<String, Object> jwt = child(entry, "jwt", path + ".jwt");
                    Credential.Builder builder = consoleCommon(byClient, jwt, path + ".jwt", orgId,
                            field(path + ".jwt.client_secret", () -> JsonValues.string(jwt, "client_secret")), Grant.JWT_EXCHANGE);
                    builder.metascopes(field(path + ".jwt.meta_scopes", () -> nonEmpty(JsonValues.strings(jwt, "meta_scopes"))));
                    List<String> pems = field(path + ".jwt.fake_ims_certificates", () -> JsonValues.strings(jwt, "fake_ims_certificates"));
                    if (pems.isEmpty()) {
                        throw new IllegalArgumentException(path + ".jwt.fake_ims_certificates: required to import a Service Account (JWT) "
                                + "credential: the Console's file has no certificate; add the PEM of the certificate uploaded to the Console");
                    }
                    for (int c = 0; c < pems.size(); c++) {
                        builder.certificate(certificate(path + ".jwt.fake_ims_certificates[" + c + "]", pems.get(c)));
                    }
                }
                case "oauth_server_to_server" -> {
                    Map<String, Object> oauth = child(entry, "oauth_server_to_server", path + ".oauth_server_to_server");
                    List<String> secrets = field(path + ".oauth_server_to_server.client_secrets",
                            () -> nonEmpty(JsonValues.strings(oauth, "client_secrets")));
                    Credential.Builder builder = consoleCommon(byClient, oauth, path + ".oauth_server_to_server", orgId, secrets.get(0),
                            Grant.CLIENT_CREDENTIALS);
                    secrets.stream().skip(1).forEach(builder::addClientSecret); // the second, while one is rotated
                    builder.scopes(field(path + ".oauth_server_to_server.scopes", () -> nonEmpty(JsonValues.strings(oauth, "scopes"))));
                }
                default -> throw new IllegalArgumentException(path + ".integration_type: '" + type
                        + "' is not a server-to-server credential the fake knows (service, oauth_server_to_server)");
            }
        }
        List<Credential> credentials = new ArrayList<>();
        byClient.forEach((clientId, pending) -> credentials.add(build("project.workspace.details.credentials (client_id " + clientId + ")",
                pending::builder)));
        return new Imported(CredentialFileFormat.CONSOLE_WORKSPACE, credentials, Map.of());
    }

    /** A credential being read from a Console file, with what its second entry (the other kind) must repeat. */
    private record Pending(Credential.Builder builder, String secret, String technicalAccount) {
    }

    private static Credential.Builder consoleCommon(Map<String, Pending> byClient, Map<String, Object> json, String path,
                                                    String orgId, String secret, Grant grant) {
        String clientId = field(path + ".client_id", () -> JsonValues.string(json, "client_id"));
        String technicalAccount = field(path + ".technical_account_id", () -> JsonValues.string(json, "technical_account_id"));
        Pending pending = byClient.get(clientId);
        if (pending == null) {
            pending = new Pending(Credential.builder().clientId(clientId).clientSecret(secret).orgId(orgId)
                    .technicalAccountId(technicalAccount).grants(grant), secret, technicalAccount);
            byClient.put(clientId, pending);
        } else {
            if (!pending.secret().equals(secret) || !pending.technicalAccount().equals(technicalAccount)) {
                throw new IllegalArgumentException(path + ": client_id " + clientId + " appears twice with a different secret or technical account");
            }
            pending.builder().grants(Grant.values());
        }
        return pending.builder();
    }

    private static Imported readAioProperties(String file) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(file));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("file: not a properties file: " + e.getMessage(), e);
        }
        String clientId = property(properties, "aio_api_key");
        Credential.Builder builder = Credential.builder()
                .clientId(clientId)
                .clientSecret(property(properties, "aio_client_secret"))
                .orgId(property(properties, "aio_ims_org_id"))
                .technicalAccountId(Optional.ofNullable(properties.getProperty("aio_technical_account_id")).filter(value -> !value.isBlank())
                        .orElse(clientId + "@techacct.adobe.com"));
        List<String> scopes = commaList(properties.getProperty("aio_oauth_scopes"));
        if (properties.getProperty("aio_encoded_pkcs8") != null || properties.getProperty("aio_meta_scopes") != null && scopes.isEmpty()) {
            throw new IllegalArgumentException("aio_encoded_pkcs8: aio-lib-java's properties carry a private key but no certificate, so a "
                    + "Service Account (JWT) credential cannot be imported from them; import its Console workspace or AEM file instead");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("aio_oauth_scopes: required for an OAuth Server-to-Server credential");
        }
        Credential credential = build("file", () -> builder.scopes(scopes).grants(Grant.CLIENT_CREDENTIALS));
        return new Imported(CredentialFileFormat.AIO_PROPERTIES, List.of(credential), Map.of());
    }

    private static String property(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": required");
        }
        return value.strip();
    }

    private static List<String> commaList(String value) {
        return value == null ? List.of() : List.of(value.split(",")).stream().map(String::strip).filter(text -> !text.isEmpty()).toList();
    }

    private static List<String> nonEmpty(List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("required (a non-empty array of strings)");
        }
        return values;
    }

    private static Credential build(String path, Supplier<Credential.Builder> builder) {
        try {
            return builder.get().build();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(path.split(" ")[0])) {
                throw e;
            }
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(String path, String pem) {
        X509Certificate certificate = X509CertUtils.parse(pem.replace("\r\n", "\n"));
        if (certificate == null) {
            throw new IllegalArgumentException(path + ": not a PEM X.509 certificate (-----BEGIN CERTIFICATE-----...)");
        }
        return certificate;
    }

    private static Map<String, Object> object(String file, CredentialFileFormat format) {
        try {
            String text = file == null ? "" : file.strip();
            if (!text.startsWith("{")) {
                throw new ParseException("it must start with '{'", 0);
            }
            return JSONObjectUtils.parse(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException("file: not a JSON object" + (format == null ? "" : " (" + format.id() + ")") + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> child(Map<String, Object> json, String name, String path) {
        Object value = json.get(name);
        if (value == null) {
            throw new IllegalArgumentException(path + ": required");
        }
        return asObject(value, path);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object value, String path) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(path + ": must be an object");
        }
        return (Map<String, Object>) value;
    }

    /** Reads one field, putting its path in front of the failure. */
    private static <T> T field(String path, Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> consoleCredential(String id, String type, String key, Map<String, Object> body) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("name", "Fake IMS " + type);
        entry.put("integration_type", type);
        entry.put(key, body);
        return entry;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
