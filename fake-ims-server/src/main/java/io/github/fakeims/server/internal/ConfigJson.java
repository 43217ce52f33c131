package io.github.fakeims.server.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.Grant;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the JSON configuration format into a {@link FakeImsConfig.Builder}. Strict: an unknown field,
 * a wrong type or a bad value fails with a message naming the field, e.g. {@code credentials[1].orgId}.
 */
public final class ConfigJson {

    private static final Set<String> TOP_LEVEL = Set.of("host", "port", "publicBaseUrls", "acceptProductionAudience",
            "tokenLifetimeSeconds", "credentials");
    private static final Set<String> CREDENTIAL = Set.of("clientId", "clientSecret", "orgId", "technicalAccountId",
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

    private static Credential credential(Object value, String path, Path folder) {
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
            field = "clientSecret";
            builder.clientSecret(string(json, field));
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
            List<String> certificates = strings(json, "certificates");
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
        Path file = folder.resolve(entry);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("is neither PEM text nor a readable file (" + file.toAbsolutePath() + ")", e);
        }
    }

    private static void checkFields(Map<String, Object> json, Set<String> known, String path) {
        Set<String> unknown = new TreeSet<>(json.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(path + ": unknown field(s) " + unknown + "; known fields are " + new TreeSet<>(known));
        }
    }

    private static String string(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(value == null ? "required" : "must be a string");
        }
        return text;
    }

    private static int integer(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (!(value instanceof Long || value instanceof Integer) || ((Number) value).longValue() != ((Number) value).intValue()) {
            throw new IllegalArgumentException("must be an integer");
        }
        return ((Number) value).intValue();
    }

    private static boolean bool(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (!(value instanceof Boolean flag)) {
            throw new IllegalArgumentException("must be true or false");
        }
        return flag;
    }

    private static List<String> strings(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException("must be an array of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** Puts the field name in front of a message that does not start with one already. */
    private static String prefix(String field, String message) {
        return message.startsWith(field + ":") ? message : field + ": " + message;
    }
}
