package io.github.fakeims.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.StandaloneJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three standalone fakes in JVMs of their own, on loopback, behind one configuration file and one
 * {@code FAKE_IMS_TOKEN_SECRET}, as the Kubernetes Deployment runs replicas: they behave as one IMS for
 * issuing and validating tokens, a fake with another secret refuses their tokens, and a credential change
 * reaches them the way deploy/kubernetes/README.md says (there is no reload: edit the config and restart
 * each replica, and tokens issued before the restart stay valid). What stays per replica is checked too,
 * since the guide promises it: an invalidation on one replica does not reach the others.
 */
class ReplicasShareTokensTest {

    private static final String SECRET = "replicas-share-this-token-secret";
    private static final String OTHER_SECRET = "another-fakes-token-secret";

    private static final String SHARED_CLIENT = "shared-client";
    private static final String SHARED_SECRET = "p8e-shared-secret";
    private static final String ADDED_CLIENT = "added-later";
    private static final String ADDED_SECRET = "p8e-added-secret";

    private static final String CREDENTIAL_TEMPLATE = """
            {"clientId": "%s", "clientSecret": "%s", "orgId": "%s@AdobeOrg",
             "technicalAccountId": "%s@techacct.adobe.com", "scopes": ["openid", "AdobeID"], "grants": ["client_credentials"]}""";

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    /** A started replica: its process and base URL. */
    private record Replica(Process process, URI base) {
        URI at(String path) {
            return base.resolve(path);
        }
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : started) {
            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the pipe its stdout reader is on
        }
        for (Process process : started) {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void threeReplicasWithOneSecretAreOneImsAndAnotherSecretIsNot() throws Exception {
        Path config = writeConfig(credential(SHARED_CLIENT, SHARED_SECRET, "0A1B2C3D4E5F6071"));
        List<Replica> replicas = List.of(start(config, SECRET), start(config, SECRET), start(config, SECRET));

        // The credential from the shared config works on every replica; each one's token validates on all.
        List<String> tokens = new ArrayList<>();
        for (Replica replica : replicas) {
            tokens.add(token(replica, SHARED_CLIENT, SHARED_SECRET));
        }
        for (int issuer = 0; issuer < replicas.size(); issuer++) {
            for (Replica checker : replicas) {
                assertValid(checker, tokens.get(issuer), SHARED_CLIENT);
                HttpResponse<String> profile = ImsHttp.get(checker.at("/ims/profile/v1"), tokens.get(issuer));
                assertThat(profile.statusCode()).as("profile on %s of replica %d's token: %s", checker.base(), issuer, profile.body())
                        .isEqualTo(200);
                assertThat(ImsHttp.json(profile)).containsEntry("client_id", SHARED_CLIENT)
                        .containsEntry("ownerOrg", "0A1B2C3D4E5F6071@AdobeOrg");
            }
        }

        // Same config, another secret: none of the replicas' tokens is this fake's, nor its token theirs.
        Replica stranger = start(config, OTHER_SECRET);
        for (String token : tokens) {
            assertRefused(stranger, token, SHARED_CLIENT, "bad_signature");
            assertThat(ImsHttp.get(stranger.at("/ims/profile/v1"), token).statusCode()).isEqualTo(401);
        }
        String strangersToken = token(stranger, SHARED_CLIENT, SHARED_SECRET);
        for (Replica replica : replicas) {
            assertRefused(replica, strangersToken, SHARED_CLIENT, "bad_signature");
        }

        // A reset keeps a configured secret: tokens issued before it stay valid, on that replica and the others.
        assertThat(ImsHttp.post(replicas.get(1).at("/fake-ims/reset"), "application/json", "").statusCode()).isEqualTo(204);
        assertValid(replicas.get(1), tokens.get(0), SHARED_CLIENT);
        assertValid(replicas.get(1), tokens.get(1), SHARED_CLIENT);

        // Invalidations stay per replica (deploy/kubernetes/README.md says so): the others still accept the token.
        HttpResponse<String> invalidated = ImsHttp.postForm(replicas.get(0).at("/ims/invalidate_token/v2"),
                Map.of("token", tokens.get(2), "client_id", SHARED_CLIENT, "client_secret", SHARED_SECRET));
        assertThat(invalidated.statusCode()).as(invalidated.body()).isEqualTo(200);
        assertRefused(replicas.get(0), tokens.get(2), SHARED_CLIENT, "invalidated");
        assertValid(replicas.get(1), tokens.get(2), SHARED_CLIENT);
        assertValid(replicas.get(2), tokens.get(2), SHARED_CLIENT);
    }

    @Test
    void aCredentialChangeReachesEveryReplicaAsItRestarts() throws Exception {
        Path config = writeConfig(credential(SHARED_CLIENT, SHARED_SECRET, "0A1B2C3D4E5F6071"));
        List<Replica> replicas = new ArrayList<>(List.of(start(config, SECRET), start(config, SECRET), start(config, SECRET)));
        String before = token(replicas.get(0), SHARED_CLIENT, SHARED_SECRET);

        // The ConfigMap is edited: a second credential. No replica rereads its file, so none knows it yet.
        writeConfig(credential(SHARED_CLIENT, SHARED_SECRET, "0A1B2C3D4E5F6071"), credential(ADDED_CLIENT, ADDED_SECRET, "1B2C3D4E5F607182"));
        for (Replica replica : replicas) {
            HttpResponse<String> refused = tokenResponse(replica, ADDED_CLIENT, ADDED_SECRET);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(ImsHttp.json(refused)).containsEntry("error", "invalid_client");
        }

        // The roll: one replica restarted knows the new credential; its token is refused where the old config still runs.
        replicas.set(0, restart(replicas.get(0), config));
        String added = token(replicas.get(0), ADDED_CLIENT, ADDED_SECRET);
        assertRefused(replicas.get(1), added, ADDED_CLIENT, "invalid_client");

        replicas.set(1, restart(replicas.get(1), config));
        replicas.set(2, restart(replicas.get(2), config));
        for (Replica replica : replicas) {
            assertValid(replica, added, ADDED_CLIENT);
            token(replica, ADDED_CLIENT, ADDED_SECRET);
            // Tokens issued before the roll survive it: the secret, not the process, recognises them.
            assertValid(replica, before, SHARED_CLIENT);
        }
    }

    private static String credential(String clientId, String secret, String org) {
        return CREDENTIAL_TEMPLATE.formatted(clientId, secret, org, "F0E1D2C3B4A59687" + clientId.length());
    }

    private Path writeConfig(String... credentials) throws IOException {
        return Files.writeString(dir.resolve("fake-ims.json"), "{\"credentials\": [" + String.join(",\n", credentials) + "]}");
    }

    private Replica start(Path config, String secret) throws IOException, InterruptedException {
        ProcessBuilder command = StandaloneJvm.command("--port", "0", "--config", config.toString());
        command.environment().remove("FAKE_IMS_ADMIN_TOKEN");
        command.environment().put("FAKE_IMS_TOKEN_SECRET", secret);
        StandaloneJvm.Started replica = StandaloneJvm.start(command);
        started.add(replica.process());
        return new Replica(replica.process(), URI.create("http://127.0.0.1:" + replica.port()));
    }

    /** Stops a replica (SIGTERM, as a rollout does) and starts its successor on the same config and secret. */
    private Replica restart(Replica replica, Path config) throws IOException, InterruptedException {
        replica.process().toHandle().destroy();
        assertThat(replica.process().waitFor(20, TimeUnit.SECONDS)).as("replica stopped on SIGTERM").isTrue();
        return start(config, SECRET);
    }

    private static HttpResponse<String> tokenResponse(Replica replica, String clientId, String secret) {
        return ImsHttp.postForm(replica.at("/ims/token/v3"), Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret, "scope", "openid,AdobeID"));
    }

    private static String token(Replica replica, String clientId, String secret) {
        HttpResponse<String> response = tokenResponse(replica, clientId, secret);
        assertThat(response.statusCode()).as("token from %s: %s", replica.base(), response.body()).isEqualTo(200);
        return (String) ImsHttp.json(response).get("access_token");
    }

    private static Map<String, Object> validate(Replica replica, String token, String clientId) {
        HttpResponse<String> response = ImsHttp.postForm(replica.at("/ims/validate_token/v1"),
                Map.of("token", token, "client_id", clientId, "type", "access_token"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ImsHttp.json(response);
    }

    private static void assertValid(Replica replica, String token, String clientId) {
        Map<String, Object> answer = validate(replica, token, clientId);
        assertThat(answer).as("validate_token on %s", replica.base()).containsEntry("valid", true);
        assertThat(answer.get("token")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("client_id", clientId);
    }

    private static void assertRefused(Replica replica, String token, String clientId, String reason) {
        assertThat(validate(replica, token, clientId)).as("validate_token on %s", replica.base())
                .containsEntry("valid", false).containsEntry("reason", reason);
    }
}
