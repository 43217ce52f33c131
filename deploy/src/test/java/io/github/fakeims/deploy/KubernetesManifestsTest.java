package io.github.fakeims.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.gson.Gson;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests in {@code deploy/kubernetes/}: each object read by Kubernetes' own API models (generated
 * from its OpenAPI schema, they refuse unknown and missing required fields), then wired together as a
 * cluster would need, and the ConfigMap's configuration started as a real fake.
 */
class KubernetesManifestsTest {

    private static final Path FOLDER = Path.of("kubernetes");
    private static final Path DOCKERFILE = Path.of("..", "src", "docker", "Dockerfile");
    private static final Gson GSON = new Gson();

    /** The kinds the manifests may hold, each with the model that checks it. */
    private static final Map<String, Function<String, Object>> MODELS = Map.of(
            "Namespace", json -> parse(V1Namespace::fromJson, json),
            "ConfigMap", json -> parse(V1ConfigMap::fromJson, json),
            "Secret", json -> parse(V1Secret::fromJson, json),
            "Deployment", json -> parse(V1Deployment::fromJson, json),
            "Service", json -> parse(V1Service::fromJson, json));

    @FunctionalInterface
    private interface Parser<T> {
        T fromJson(String json) throws IOException;
    }

    private static Object parse(Parser<?> parser, String json) {
        try {
            return parser.fromJson(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Test
    void everyManifestIsAValidKubernetesObject() throws IOException {
        List<Path> files = manifests();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            for (Map<String, Object> document : documents(file)) {
                String kind = String.valueOf(document.get("kind"));
                assertThat(MODELS).as("%s: kind %s", file, kind).containsKey(kind);
                assertThatCode(() -> MODELS.get(kind).apply(GSON.toJson(document))).as("%s (%s)", file, kind).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        Map<String, Object> kustomization = documents(FOLDER.resolve("kustomization.yaml")).get(0);

        assertThat(kustomization).containsEntry("kind", "Kustomization");
        assertThat(kustomization.get("resources")).asList().containsExactlyInAnyOrderElementsOf(
                manifests().stream().map(file -> (Object) file.getFileName().toString()).toList());
    }

    @Test
    void eachServiceReachesTheDeploymentsPods() throws IOException {
        V1Deployment deployment = one(V1Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        for (V1Service service : all(V1Service.class)) {
            assertThat(podLabels).as(service.getMetadata().getName()).containsAllEntriesOf(service.getSpec().getSelector());
            for (V1ServicePort port : service.getSpec().getPorts()) {
                assertThat(containerPort(container(deployment), port.getTargetPort().isInteger()
                        ? String.valueOf(port.getTargetPort().getIntValue()) : port.getTargetPort().getStrValue()))
                        .as("%s port %s targets a container port", service.getMetadata().getName(), port.getName()).isPresent();
            }
        }
    }

    /** One load-balanced Service for the services that use the fake, one headless to reach a single replica. */
    @Test
    void theSharedServiceBalancesAndThePodsServiceIsHeadless() throws IOException {
        Map<String, V1Service> services = new java.util.TreeMap<>();
        for (V1Service service : all(V1Service.class)) {
            services.put(service.getMetadata().getName(), service);
        }

        assertThat(services).containsOnlyKeys("fake-ims", "fake-ims-pods");
        assertThat(services.get("fake-ims").getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(services.get("fake-ims").getSpec().getClusterIP()).as("a cluster IP, load-balanced").isNull();
        assertThat(services.get("fake-ims-pods").getSpec().getClusterIP()).as("headless: DNS names each pod").isEqualTo("None");
    }

    @Test
    void bothProbesAskTheFakesHealthRouteOnItsPort() throws IOException {
        V1Container container = container(one(V1Deployment.class));

        for (V1Probe probe : new V1Probe[] {container.getReadinessProbe(), container.getLivenessProbe()}) {
            assertThat(probe).isNotNull();
            assertThat(probe.getHttpGet().getPath()).isEqualTo("/fake-ims/health");
            assertThat(containerPort(container, probe.getHttpGet().getPort().isInteger()
                    ? String.valueOf(probe.getHttpGet().getPort().getIntValue()) : probe.getHttpGet().getPort().getStrValue()))
                    .hasValueSatisfying(port -> assertThat(port.getContainerPort()).isEqualTo(8080));
        }
    }

    @Test
    void itAsksForResourcesAndRunsAsTheImagesNonRootUserWithNothingMore() throws IOException {
        V1PodSpec pod = one(V1Deployment.class).getSpec().getTemplate().getSpec();
        V1Container container = container(one(V1Deployment.class));

        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).as("the Dockerfile's USER").isEqualTo(dockerfileUser());
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getVolumeMounts()).as("a writable /tmp for the JVM").anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
    }

    @Test
    void theConfigFileTheFakeIsToldToReadIsTheConfigMapsMountedKey() throws IOException {
        V1Deployment deployment = one(V1Deployment.class);
        V1Container container = container(deployment);
        V1ConfigMap configMap = one(V1ConfigMap.class);
        Path configFile = Path.of(env(container, "FAKE_IMS_CONFIG").getValue());

        V1VolumeMount mount = container.getVolumeMounts().stream().filter(candidate -> configFile.startsWith(candidate.getMountPath()))
                .findFirst().orElseThrow(() -> new AssertionError("no volume mounted where FAKE_IMS_CONFIG points: " + configFile));
        V1Volume volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(candidate -> candidate.getName().equals(mount.getName())).findFirst().orElseThrow();

        assertThat(volume.getConfigMap().getName()).isEqualTo(configMap.getMetadata().getName());
        assertThat(configMap.getData()).containsKey(Path.of(mount.getMountPath()).relativize(configFile).toString());
    }

    @Test
    void theAdminTokenAndTheTokenSecretComeFromTheSecret() throws IOException {
        V1Container container = container(one(V1Deployment.class));
        V1Secret secret = one(V1Secret.class);

        for (String name : List.of("FAKE_IMS_ADMIN_TOKEN", "FAKE_IMS_TOKEN_SECRET")) {
            var reference = env(container, name).getValueFrom().getSecretKeyRef();
            assertThat(reference.getName()).as(name).isEqualTo(secret.getMetadata().getName());
            assertThat(secret.getStringData()).as(name).containsKey(reference.getKey());
        }
    }

    @Test
    void theConfigMapsConfigurationStartsAFakeThatIssuesTokensToItsCredential() throws Exception {
        String json = one(V1ConfigMap.class).getData().get("fake-ims.json");
        FakeImsConfig config = FakeImsConfig.fromJson(json).toBuilder().port(0).build();
        Credential credential = config.credentials().get(0);

        try (FakeImsServer ims = FakeImsServer.start(config)) {
            HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ims.baseUrl().resolve("/ims/token/v3"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=openid&client_id="
                            + credential.clientId() + "&client_secret=" + credential.clientSecret()))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        }
        assertThat(FakeImsConfig.fromJson(json).publicBaseUrls()).contains(URI.create("http://fake-ims.fake-ims.svc.cluster.local:8080"));
    }

    // --- reading the manifests

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(file -> file.toString().endsWith(".yaml") && !file.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    /** The one object of a model's type across all manifests. */
    private static <T> T one(Class<T> type) throws IOException {
        List<T> found = all(type);
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    /** Every object of a model's type across all manifests. */
    private static <T> List<T> all(Class<T> type) throws IOException {
        List<T> found = new ArrayList<>();
        for (Path file : manifests()) {
            for (Map<String, Object> document : documents(file)) {
                Function<String, Object> model = MODELS.get(String.valueOf(document.get("kind")));
                Object object = model == null ? null : model.apply(GSON.toJson(document));
                if (type.isInstance(object)) {
                    found.add(type.cast(object));
                }
            }
        }
        return found;
    }

    private static V1Container container(V1Deployment deployment) {
        List<V1Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Optional<V1ContainerPort> containerPort(V1Container container, String nameOrNumber) {
        return container.getPorts().stream()
                .filter(port -> nameOrNumber.equals(port.getName()) || nameOrNumber.equals(String.valueOf(port.getContainerPort())))
                .findFirst();
    }

    private static V1EnvVar env(V1Container container, String name) {
        return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the container sets no " + name));
    }

    private static long dockerfileUser() throws IOException {
        Matcher user = Pattern.compile("(?m)^USER (\\d+)").matcher(Files.readString(DOCKERFILE));
        assertThat(user.find()).as("a numeric USER in " + DOCKERFILE).isTrue();
        return Long.parseLong(user.group(1));
    }
}
