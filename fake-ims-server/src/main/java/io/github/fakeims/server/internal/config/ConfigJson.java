package io.github.fakeims.server.internal.config;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.Grant;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import static io.github.fakeims.server.internal.core.JsonValues.bool;
import static io.github.fakeims.server.internal.core.JsonValues.checkFields;
import static io.github.fakeims.server.internal.core.JsonValues.integer;
import static io.github.fakeims.server.internal.core.JsonValues.string;
import static io.github.fakeims.server.internal.core.JsonValues.strings;

/**
 * Reads the JSON configuration format into a {@link FakeImsConfig.Builder}. Strict: an unknown field,
 * a wrong type or a bad value fails with a message naming the field, e.g. {@code credentials[1].orgId}.
 */
public final class ConfigJson {

    private static final Set<String> TOP_LEVEL = Set.of("host", "port", "publicBaseUrls", "acceptProductionAudience",
            "tokenLifetimeSeconds", "credentials", "journalSize", "adminApi", "adminToken", "tokenSecret");
    private static final Set<String> CREDENTIAL = Set.of("clientId", "clientSecret", "clientSecrets", "orgId", "technicalAccountId",
            "metascopes", "scopes", "certificates", "grants", "jtiRequired");

    private ConfigJson() {
    }

    /** Parses a configuration; relative certificate paths resolve against {@code folder}. */
    public static FakeImsConfig.Builder parse(String json, Path folder) {
        Map<String, Object> root;
        try {
            // Gson would read null as nothing and [[k, v]] as a map: only an object is a configuration.
            root = json.trim().startsWith("{") ? JSONObjectUtils.parse(json) : null;
        } catch (ParseException e) {
            throw new IllegalArgumentException("config: not a JSON object: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new IllegalArgumentException("config: not a JSON object (it must start with '{')");
        }
        checkFields(root, TOP_LEVEL, "config");
        FakeImsConfig.Builder builder = FakeImsConfig.builder();
        String field = "config";
        try {
            field = "host";
            if (root.containsKey(field)) {
                builder.host(string(root, field));
            }
            field = "port";
            if (root.containsKey(field)) {
                builder.port(integer(root, field));
            }
            field = "publicBaseUrls";
            for (String url : strings(root, field)) {
                builder.publicBaseUrl(URI.create(url));
            }
            field = "acceptProductionAudience";
            if (root.containsKey(field)) {
                builder.acceptProductionAudience(bool(root, field));
            }
            field = "tokenLifetimeSeconds";
            if (root.containsKey(field)) {
                builder.tokenLifetime(Duration.ofSeconds(integer(root, field)));
            }
            field = "journalSize";
            if (root.containsKey(field)) {
                builder.journalSize(integer(root, field));
            }
            field = "adminApi";
            if (root.containsKey(field)) {
                builder.adminApi(bool(root, field));
            }
            field = "adminToken";
            if (root.get(field) != null) { // null: no token, as when absent
                builder.adminToken(string(root, field));
            }
            field = "tokenSecret";
            if (root.get(field) != null) {
                builder.tokenSecret(string(root, field));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix(field, e.getMessage()), e);
        }
        Object credentials = root.getOrDefault("credentials", List.of());
        if (!(credentials instanceof List<?> list)) {
            throw new IllegalArgumentException("credentials: must be an array of credential objects");
        }
        for (int i = 0; i < list.size(); i++) {
            builder.credential(credential(list.get(i), "credentials[" + i + "]", folder));
        }
        return builder;
    }

    /**
     * Reads one credential object (the config file's format) sent to the admin API; certificates must be
     * PEM text there, not paths.
     */
    public static Credential parseCredential(String json) {
        return credential(credentialObject(json), "credential", null);
    }

    /**
     * The fields of a credential to generate (an empty body means none): register's fields, the missing
     * ids and secret filled with random Console-shaped values. Checked for unknown fields, so that a
     * mistake is reported before a key pair is made.
     */
    public static Map<String, Object> generationTemplate(String json) {
        Map<String, Object> template = new LinkedHashMap<>(json.isBlank() ? Map.of() : credentialObject(json));
        checkFields(template, CREDENTIAL, "credential");
        try {
            strings(template, "certificates");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("credential.certificates: " + e.getMessage(), e);
        }
        Credential random = Credential.builder().randomIds().grants(Grant.CLIENT_CREDENTIALS).build();
        template.putIfAbsent("clientId", random.clientId());
        template.putIfAbsent("clientSecret", random.clientSecret());
        template.putIfAbsent("orgId", random.orgId());
        template.putIfAbsent("technicalAccountId", random.technicalAccountId());
        return template;
    }

    /** The credential of a {@link #generationTemplate} with the generated certificate added to its own. */
    public static Credential generatedCredential(Map<String, Object> template, X509Certificate certificate) {
        Map<String, Object> json = new LinkedHashMap<>(template);
        List<String> certificates = new ArrayList<>(strings(json, "certificates"));
        certificates.add(X509CertUtils.toPEMString(certificate));
        json.put("certificates", certificates);
        return credential(json, "credential", null);
    }

    private static Map<String, Object> credentialObject(String json) {
        Map<String, Object> object;
        try {
            object = json.trim().startsWith("{") ? JSONObjectUtils.parse(json) : null;
        } catch (ParseException e) {
            throw new IllegalArgumentException("credential: not a JSON object: " + e.getMessage(), e);
        }
        if (object == null) {
            throw new IllegalArgumentException("credential: not a JSON object (it must start with '{')");
        }
        return object;
    }

    /** A configuration in the JSON format {@link #parse} reads (all but the clock, which JSON cannot carry). */
    public static String write(FakeImsConfig config) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", config.host());
        json.put("port", config.port());
        json.put("publicBaseUrls", config.publicBaseUrls().stream().map(URI::toString).toList());
        json.put("acceptProductionAudience", config.acceptProductionAudience());
        json.put("tokenLifetimeSeconds", config.tokenLifetime().toSeconds());
        json.put("journalSize", config.journalSize());
        json.put("adminApi", config.adminApi());
        config.adminToken().ifPresent(token -> json.put("adminToken", token));
        config.tokenSecret().ifPresent(secret -> json.put("tokenSecret", secret));
        json.put("credentials", config.credentials().stream().map(ConfigJson::toJson).toList());
        return JSONObjectUtils.toJSONString(json);
    }

    /** A credential in the config file's format, certificates as PEM text. */
    public static Map<String, Object> toJson(Credential credential) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clientId", credential.clientId());
        json.put("clientSecret", credential.clientSecret());
        if (credential.clientSecrets().size() > 1) {
            json.put("clientSecrets", credential.clientSecrets());
        }
        json.put("orgId", credential.orgId());
        json.put("technicalAccountId", credential.technicalAccountId());
        json.put("metascopes", new TreeSet<>(credential.metascopes()).stream().toList());
        json.put("scopes", List.copyOf(credential.scopes())); // in order: a JWT-exchange token's scope lists them so
        json.put("grants", credential.grants().stream().sorted().map(Grant::configName).toList());
        json.put("jtiRequired", credential.jtiRequired());
        json.put("certificates", credential.certificates().stream().map(X509CertUtils::toPEMString).toList());
        return json;
    }

    static Credential credential(Object value, String path, Path folder) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(path + ": must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) value;
        checkFields(json, CREDENTIAL, path);
        Credential.Builder builder = Credential.builder();
        String field = "clientId";
        try {
            builder.clientId(string(json, field));
            // "clientSecret", "clientSecrets" or both (their union, in that order): up to two, for rotation.
            List<String> secrets = new ArrayList<>();
            if (json.containsKey("clientSecret") || !json.containsKey("clientSecrets")) {
                field = "clientSecret";
                secrets.add(string(json, field));
            }
            field = "clientSecrets";
            secrets.addAll(strings(json, field));
            builder.clientSecrets(secrets);
            field = "orgId";
            builder.orgId(string(json, field));
            field = "technicalAccountId";
            builder.technicalAccountId(string(json, field));
            field = "metascopes";
            builder.metascopes(strings(json, field));
            field = "scopes";
            builder.scopes(strings(json, field));
            field = "grants";
            List<Grant> grants = new ArrayList<>();
            for (String grant : strings(json, field)) {
                grants.add(Grant.fromConfigName(grant));
            }
            builder.grants(grants);
            field = "jtiRequired";
            if (json.containsKey(field)) {
                builder.jtiRequired(bool(json, field));
            }
            field = "certificates";
            List<String> certificates = strings(json, field);
            for (int i = 0; i < certificates.size(); i++) {
                field = "certificates[" + i + "]";
                builder.certificatePem(certificatePem(certificates.get(i), folder));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + "." + prefix(field, e.getMessage()), e);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + "." + e.getMessage(), e);
        }
    }

    /** A certificate entry is PEM text, or else a path to a PEM file. */
    private static String certificatePem(String entry, Path folder) {
        if (entry.contains("-----BEGIN")) {
            return entry;
        }
        if (folder == null) {
            throw new IllegalArgumentException("must be PEM text (-----BEGIN CERTIFICATE-----...); only a config file may name certificate files");
        }
        Path file = folder.resolve(entry);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("is neither PEM text nor a readable file (" + file.toAbsolutePath() + ")", e);
        }
    }

    /** Puts the field name in front of a message that does not start with one already. */
    private static String prefix(String field, String message) {
        return message.startsWith(field + ":") ? message : field + ": " + message;
    }
}
