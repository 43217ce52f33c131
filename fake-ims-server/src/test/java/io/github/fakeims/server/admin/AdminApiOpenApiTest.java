package io.github.fakeims.server.admin;

import static io.github.fakeims.server.admin.AdminWire.credentialJson;
import static io.github.fakeims.server.admin.AdminWire.fingerprint;
import static io.github.fakeims.server.admin.AdminWire.pem;
import static io.github.fakeims.server.admin.AdminWire.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.CredentialFileFormat;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ServiceAccountJwt;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.internal.admin.AdminApi;
import io.github.fakeims.server.internal.admin.AdminRoute;
import io.github.fakeims.server.internal.admin.OpenApiDocument;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code openapi.json} is true: every route the admin API's route table serves is documented and
 * every documented operation is served; every documented status is produced by a real request, and
 * every answer's status is documented and its body valid against the document's schema.
 */
class AdminApiOpenApiTest {

    private static final String ADMIN_TOKEN = "openapi-test-admin-token";
    private static final String DOCUMENT = "io/github/fakeims/server/internal/admin/" + OpenApiDocument.RESOURCE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode OPENAPI = readDocument();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(OpenApi31.getInstance()).defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));
    private static final SchemaValidatorsConfig STRICT = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private static final X509Certificate SECOND_CERTIFICATE = TestKeys.certificate(TestKeys.OTHER_KEYS);
    private static final Credential CREDENTIAL = TestCredentials.credential(TestKeys.KEYS).certificate(SECOND_CERTIFICATE).build();
    private static final Credential NEW_CREDENTIAL = TestCredentials.credential();
    private static final Credential ONE_CERTIFICATE = TestCredentials.credential();

    private static FakeImsServer ims;

    @BeforeAll
    static void start() {
        ims = FakeImsServer.start(FakeImsConfig.builder().credential(CREDENTIAL).credential(ONE_CERTIFICATE).adminToken(ADMIN_TOKEN)
                .httpsPort(0).build()); // HTTPS beside HTTP: the CA route answers
    }

    @AfterAll
    static void stop() {
        ims.close();
    }

    /** One documented operation: the document's path template and a lower-case method. */
    record Operation(String method, String template) {
        static Operation of(AdminRoute route) {
            return new Operation(route.method().toLowerCase(Locale.ROOT), route.template());
        }

        JsonNode node() {
            return OPENAPI.path("paths").path(template).path(method);
        }

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + template;
        }
    }

    /** A request against the running fake; {@code token} false sends no admin token. */
    record Call(String name, String method, String pathAndQuery, Supplier<String> body, boolean token) {
        @Override
        public String toString() {
            return name + ": " + method + " " + pathAndQuery;
        }
    }

    @Test
    void theDocumentIsValidOpenApi31() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(JSON.writeValueAsString(OPENAPI), null, options);

        assertThat(result.getMessages()).as("what an OpenAPI 3.1 parser finds wrong in openapi.json").isEmpty();
        assertThat(result.getOpenAPI().getSpecVersion()).isEqualTo(io.swagger.v3.oas.models.SpecVersion.V31);
        assertThat(result.getOpenAPI().getPaths()).hasSameSizeAs(iterable(OPENAPI.path("paths").fieldNames()));
    }

    private static <T> List<T> iterable(Iterator<T> items) {
        List<T> list = new ArrayList<>();
        items.forEachRemaining(list::add);
        return list;
    }

    @Test
    void everyRouteTheFakeServesIsDocumented() {
        List<String> undocumented = AdminApi.routes().stream().filter(route -> Operation.of(route).node().isMissingNode())
                .map(route -> route + " is served by the fake (AdminApi's route table) but not documented in openapi.json").toList();

        assertThat(undocumented).isEmpty();
    }

    @Test
    void everyDocumentedOperationIsARouteOfTheFake() {
        Set<String> served = new TreeSet<>(AdminApi.routes().stream().map(route -> Operation.of(route).toString()).toList());

        assertThat(documentedOperations().stream().map(Operation::toString).filter(operation -> !served.contains(operation))
                .map(operation -> operation + " is documented in openapi.json but not served by the fake"))
                .isEmpty();
    }

    @Test
    void theDocumentSaysWhichRoutesNeedTheAdminToken() {
        for (AdminRoute route : AdminApi.routes()) {
            JsonNode security = Operation.of(route).node().path("security");
            boolean open = security.isArray() && security.isEmpty();
            assertThat(open).as("%s: security [] in openapi.json exactly when the route needs no admin token", route)
                    .isEqualTo(route.access() != AdminRoute.Access.TOKEN);
        }
    }

    @Test
    void theFakeServesTheDocumentItShipsWithoutTheAdminToken() throws IOException {
        HttpResponse<String> response = AdminWire.send(ims.baseUrl(), "GET", "/fake-ims/openapi.json", "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(response.body())).isEqualTo(OPENAPI);
        assertThat(OPENAPI.path("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void withTheAdminApiOffTheDocumentIsNotServedEither() {
        try (FakeImsServer closed = FakeImsServer.start(FakeImsConfig.builder().adminApi(false).build())) {
            HttpResponse<String> response = AdminWire.send(closed.baseUrl(), "GET", "/fake-ims/openapi.json", "");

            assertThat(AdminWire.assertAdminError(response, 404, "not_found").get("reason")).asString().contains("adminApi");
        }
    }

    /**
     * The requests that produce every documented status of every operation, in an order where each
     * finds the state it needs; then one check that nothing documented went unexercised.
     */
    @TestFactory
    Stream<DynamicTest> everyDocumentedStatusIsWhatTheFakeAnswersAndEveryAnswerMatchesItsSchema() {
        Map<Operation, Set<String>> exercised = new java.util.LinkedHashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (Call call : calls()) {
            tests.add(dynamicTest(call.toString(), () -> check(call, exercised)));
        }
        tests.add(dynamicTest("every documented status was answered by some request", () -> {
            List<String> missing = new ArrayList<>();
            for (Operation operation : documentedOperations()) {
                operation.node().path("responses").fieldNames().forEachRemaining(status -> {
                    if (!exercised.getOrDefault(operation, Set.of()).contains(status)) {
                        missing.add(operation + " documents " + status + " but no request in this test produced it");
                    }
                });
            }
            assertThat(missing).isEmpty();
        }));
        return tests.stream();
    }

    private List<Call> calls() {
        String id = CREDENTIAL.clientId();
        String credential = "/fake-ims/credentials/" + id;
        String unknown = "/fake-ims/credentials/no-such-client";
        List<Call> calls = new ArrayList<>(List.of(
                call("health", "GET", "/fake-ims/health", ""),
                call("the document", "GET", "/fake-ims/openapi.json", ""),
                call("the CA certificate", "GET", "/fake-ims/tls/ca.pem", ""),
                call("the console", "GET", "/fake-ims/console", ""),
                call("the console's page", "GET", "/fake-ims/console/index.html", ""),
                call("the console's script", "GET", "/fake-ims/console/console.js", ""),
                call("the console's style", "GET", "/fake-ims/console/console.css", ""),
                call("a file the console does not have", "GET", "/fake-ims/console/secrets.json", ""),
                call("list", "GET", "/fake-ims/credentials", ""),
                call("list with an unknown parameter", "GET", "/fake-ims/credentials?x=1", ""),
                call("register", "POST", "/fake-ims/credentials", credentialJson(NEW_CREDENTIAL)),
                call("register without an org", "POST", "/fake-ims/credentials", "{\"clientId\":\"x\"}"),
                call("generate", "POST", "/fake-ims/credentials/generate", "{\"metascopes\":[\"ent_user_sdk\"]}"),
                call("generate with an unknown field", "POST", "/fake-ims/credentials/generate", "{\"colour\":\"blue\"}"),
                call("get", "GET", credential, ""),
                call("get an unknown one", "GET", unknown, ""),
                call("replace", "PUT", credential, credentialJson(CREDENTIAL.toBuilder().clientSecret("p8e-changed").build())),
                call("replace under another id", "PUT", credential, credentialJson(NEW_CREDENTIAL)),
                call("export as a Console workspace", "GET", credential + "/export?format=console-workspace", ""),
                call("export without a format", "GET", credential + "/export", ""),
                call("export as AEM service credentials without the private key", "GET", credential + "/export?format=aem-service-credentials", ""),
                call("export an unknown credential", "GET", unknown + "/export?format=console-workspace", ""),
                new Call("import a Console workspace", "POST", "/fake-ims/credentials/import",
                        () -> ims.exportCredential(NEW_CREDENTIAL.clientId(), CredentialFileFormat.CONSOLE_WORKSPACE), true),
                call("import what is no credential file", "POST", "/fake-ims/credentials/import", "{}"),
                call("add a certificate as PEM", "POST", credential + "/certificates", pem(TestKeys.certificate(TestKeys.OTHER_KEYS))),
                call("add a certificate as JSON", "POST", credential + "/certificates",
                        "{\"certificate\":" + quoted(pem(TestKeys.certificate(TestKeys.OTHER_KEYS))) + "}"),
                call("add something that is no certificate", "POST", credential + "/certificates", "{\"certificate\":\"no\"}"),
                call("add a certificate to an unknown credential", "POST", unknown + "/certificates", pem(SECOND_CERTIFICATE)),
                call("remove a certificate", "DELETE", credential + "/certificates/" + fingerprint(SECOND_CERTIFICATE), ""),
                call("remove a certificate it does not have", "DELETE", credential + "/certificates/" + fingerprint(SECOND_CERTIFICATE), ""),
                call("remove the last certificate of a JWT credential", "DELETE",
                        "/fake-ims/credentials/" + ONE_CERTIFICATE.clientId() + "/certificates/" + fingerprint(ONE_CERTIFICATE.certificates().get(0)), ""),
                call("add a client secret", "POST", credential + "/secrets", "{\"clientSecret\":\"p8e-next\"}"),
                call("add a third client secret", "POST", credential + "/secrets", "{\"clientSecret\":\"p8e-third\"}"),
                call("add a client secret to an unknown credential", "POST", unknown + "/secrets", "{\"clientSecret\":\"p8e-next\"}"),
                call("remove a client secret", "DELETE", credential + "/secrets", "{\"clientSecret\":\"p8e-next\"}"),
                call("remove the only client secret", "DELETE", credential + "/secrets", "{\"clientSecret\":\"p8e-changed\"}"),
                call("remove a client secret it does not have", "DELETE", credential + "/secrets", "{\"clientSecret\":\"p8e-none\"}"),
                call("convert to OAuth", "POST", "/fake-ims/credentials/" + NEW_CREDENTIAL.clientId() + "/convert-to-oauth", ""),
                call("convert an unknown credential", "POST", unknown + "/convert-to-oauth", ""),
                new Call("get a token", "POST", "/ims/token/v3?grant_type=client_credentials&scope=openid&client_id=" + id
                        + "&client_secret=p8e-changed", () -> "", false),
                call("journal", "GET", "/fake-ims/journal?endpoint=TOKEN&outcome=succeeded", ""),
                call("journal with a bad filter", "GET", "/fake-ims/journal?outcome=maybe", ""),
                call("take", "POST", "/fake-ims/journal/take?timeoutMillis=0&endpoint=TOKEN", ""),
                call("take when nothing is left", "POST", "/fake-ims/journal/take?timeoutMillis=0&endpoint=TOKEN", ""),
                call("take with a bad timeout", "POST", "/fake-ims/journal/take?timeoutMillis=-1", ""),
                call("clear the journal", "DELETE", "/fake-ims/journal", ""),
                call("tokens", "GET", "/fake-ims/tokens", ""),
                call("tokens with an unknown parameter", "GET", "/fake-ims/tokens?clientId=x", ""),
                new Call("find a token", "POST", "/fake-ims/tokens/find", () -> "{\"token\":" + quoted(ims.issuedTokens().list().get(0).value()) + "}", true),
                call("find a token without one", "POST", "/fake-ims/tokens/find", "{}"),
                call("find a token the fake did not issue", "POST", "/fake-ims/tokens/find", "{\"token\":\"a.b.c\"}"),
                call("add a fault", "POST", "/fake-ims/faults", "{\"status\":429,\"retryAfterSeconds\":3,\"endpoint\":\"TOKEN\",\"times\":2}"),
                call("add a timed fault", "POST", "/fake-ims/faults", "{\"type\":\"delay\",\"delayMillis\":10,\"durationSeconds\":60}"),
                call("add a fault with a 404", "POST", "/fake-ims/faults", "{\"status\":404}"),
                call("faults", "GET", "/fake-ims/faults", ""),
                call("clear the faults", "DELETE", "/fake-ims/faults", ""),
                call("clock", "GET", "/fake-ims/clock", ""),
                call("fix the clock", "POST", "/fake-ims/clock/fix", "{\"instant\":\"2040-01-01T00:00:00Z\"}"),
                call("fix the clock at no instant", "POST", "/fake-ims/clock/fix", "{\"instant\":\"tomorrow\"}"),
                call("advance the clock", "POST", "/fake-ims/clock/advance", "{\"duration\":\"PT1H\"}"),
                call("advance the clock by two amounts", "POST", "/fake-ims/clock/advance", "{\"seconds\":1,\"millis\":1}"),
                call("reset the clock", "POST", "/fake-ims/clock/reset", ""),
                new Call("verify a JWT", "POST", "/fake-ims/verify-jwt", () -> "{\"clientId\":" + quoted(id) + ",\"jwt\":"
                        + quoted(ServiceAccountJwt.forCredential(CREDENTIAL, ims.baseUrl()).serialize()) + "}", true),
                call("verify without a JWT", "POST", "/fake-ims/verify-jwt", "{\"clientId\":" + quoted(id) + "}"),
                call("remove", "DELETE", "/fake-ims/credentials/" + NEW_CREDENTIAL.clientId(), ""),
                call("remove an unknown one", "DELETE", unknown, ""),
                call("reset", "POST", "/fake-ims/reset", "")));
        // Every route that wants the admin token, without it.
        for (AdminRoute route : AdminApi.routes()) {
            if (route.access() == AdminRoute.Access.TOKEN) {
                String path = route.template().replace("{clientId}", id).replace("{sha256}", fingerprint(SECOND_CERTIFICATE));
                calls.add(new Call("without the admin token", route.method(), path, () -> "", false));
            }
        }
        return calls;
    }

    private static Call call(String name, String method, String pathAndQuery, String body) {
        return new Call(name, method, pathAndQuery, () -> body, true);
    }

    private void check(Call call, Map<Operation, Set<String>> exercised) throws IOException {
        String body = call.body().get();
        HttpResponse<String> response = AdminWire.send(ims.baseUrl(), call.method(), call.pathAndQuery(), body,
                call.token() ? "Bearer " + ADMIN_TOKEN : null);
        String sample = AdminWire.describe(call.method(), call.pathAndQuery(), body, response);
        Optional<Operation> operation = operationOf(call.method(), call.pathAndQuery());
        if (operation.isEmpty()) {
            assertThat(call.pathAndQuery()).as("the fake answered a path openapi.json does not document: " + sample).startsWith("/ims/");
            assertThat(response.statusCode()).as(sample).isEqualTo(200);
            return;
        }
        String status = String.valueOf(response.statusCode());
        exercised.computeIfAbsent(operation.get(), key -> new TreeSet<>()).add(status);
        JsonNode documented = resolve(operation.get().node().path("responses").path(status));
        assertThat(documented.isMissingNode()).as("%s answered %s, which openapi.json does not document for it:\n%s",
                operation.get(), status, sample).isFalse();
        JsonNode content = documented.path("content").path("application/json");
        if (content.isMissingNode()) {
            List<String> types = new ArrayList<>();
            documented.path("content").fieldNames().forEachRemaining(types::add);
            if (types.isEmpty()) {
                assertThat(response.body()).as("no body documented: " + sample).isEmpty();
            } else {
                assertThat(response.headers().firstValue("Content-Type")).as(sample)
                        .hasValueSatisfying(type -> assertThat(types).anyMatch(type::startsWith));
            }
            return;
        }
        assertThat(response.headers().firstValue("Content-Type")).as(sample).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertValid(content.path("schema"), response.body(), "the answer of " + sample);
        if (response.statusCode() < 300 && !body.isEmpty() && !body.startsWith("-----")) {
            JsonNode requestSchema = operation.get().node().path("requestBody").path("content").path("application/json").path("schema");
            assertThat(requestSchema.isMissingNode()).as("%s took a JSON body that openapi.json does not document", operation.get()).isFalse();
            assertValid(requestSchema, body, "the request body of " + sample);
        }
    }

    private static void assertValid(JsonNode schemaNode, String json, String what) throws IOException {
        JsonSchema schema = SCHEMAS.getSchema(SchemaLocation.of("classpath:" + DOCUMENT + "#" + pointerTo(schemaNode)), STRICT);
        Set<ValidationMessage> problems = schema.validate(JSON.readTree(json));
        assertThat(problems).as("%s against openapi.json's schema %s", what, pointerTo(schemaNode)).isEmpty();
    }

    /** A response object, following a {@code $ref} into {@code components/responses}. */
    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? OPENAPI.at(node.get("$ref").asText().substring(1)) : node;
    }

    /** The JSON pointer of a node inside the document (found by identity), so the validator resolves {@code $ref}s from the document's root. */
    private static String pointerTo(JsonNode target) {
        return find(OPENAPI, target, "").orElseThrow(() -> new AssertionError("schema not found in the document"));
    }

    private static Optional<String> find(JsonNode node, JsonNode target, String pointer) {
        if (node == target) {
            return Optional.of(pointer);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Optional<String> found = find(field.getValue(), target, pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"));
            if (found.isPresent()) {
                return found;
            }
        }
        for (int i = 0; i < node.size() && node.isArray(); i++) {
            Optional<String> found = find(node.get(i), target, pointer + "/" + i);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The documented operation a request hits, by the document's path templates. */
    private static Optional<Operation> operationOf(String method, String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0];
        Iterator<String> templates = OPENAPI.path("paths").fieldNames();
        while (templates.hasNext()) {
            String template = templates.next();
            if (Pattern.matches(template.replaceAll("\\{[^/]+}", "[^/]+").replace(".", "\\."), path)) {
                return Optional.of(new Operation(method.toLowerCase(Locale.ROOT), template));
            }
        }
        return Optional.empty();
    }

    private static List<Operation> documentedOperations() {
        List<Operation> operations = new ArrayList<>();
        OPENAPI.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(method)) {
                operations.add(new Operation(method, path.getKey()));
            }
        }));
        return operations;
    }

    private static JsonNode readDocument() {
        try (InputStream in = AdminApiOpenApiTest.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertThat(in).as(DOCUMENT).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
