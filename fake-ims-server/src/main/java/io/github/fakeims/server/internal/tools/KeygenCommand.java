package io.github.fakeims.server.internal.tools;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.internal.keys.KeytoolKeyPairs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Makes what the Developer Console makes for a Service Account credential: an RSA-2048 key pair and a
 * self-signed certificate as PEM files, plus the fake's config entry for a credential using them
 * ({@link KeytoolKeyPairs} makes them, as for the admin API's generate route).
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Writes private.key and certificate.pem (RSA-2048, self-signed) and prints a credential entry for the config file.")
final class KeygenCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = ".", description = "folder for private.key and certificate.pem; default the current one")
    Path out;

    @Option(names = "--subject", defaultValue = "CN=Fake IMS credential", description = "certificate subject; default ${DEFAULT-VALUE}")
    String subject;

    @Option(names = "--days", defaultValue = "365", description = "certificate validity in days; default ${DEFAULT-VALUE}")
    int days;

    @Option(names = "--metascope", split = ",", defaultValue = "ent_analytics_bulk_ingest_sdk",
            description = "metascope(s) for the printed credential; default ${DEFAULT-VALUE}")
    List<String> metascopes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        Path privateKeyFile = out.resolve("private.key");
        Path certificateFile = out.resolve("certificate.pem");
        for (Path file : List.of(privateKeyFile, certificateFile)) {
            if (Files.exists(file)) {
                throw new IllegalArgumentException(file + " exists; choose another --out folder or remove it");
            }
        }
        KeytoolKeyPairs.KeyPair keys = KeytoolKeyPairs.generate(subject, days);
        Files.writeString(privateKeyFile, PemFiles.privateKeyPem(keys.privateKey()), StandardCharsets.US_ASCII);
        Files.writeString(certificateFile, X509CertUtils.toPEMString(keys.certificate()) + "\n", StandardCharsets.US_ASCII);
        spec.commandLine().getOut().println("Wrote " + privateKeyFile + " and " + certificateFile);
        spec.commandLine().getOut().println("A credential for the fake's config file (\"credentials\": [ ... ]):");
        spec.commandLine().getOut().println(JSONObjectUtils.toJSONString(credentialEntry(certificateFile)));
        return 0;
    }

    /** A credential for the config file with fresh Console-shaped ids, its certificate by absolute path. */
    private Map<String, Object> credentialEntry(Path certificateFile) {
        Credential ids = Credential.builder().randomIds().grants(Grant.CLIENT_CREDENTIALS).build();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("clientId", ids.clientId());
        entry.put("clientSecret", ids.clientSecret());
        entry.put("orgId", ids.orgId());
        entry.put("technicalAccountId", ids.technicalAccountId());
        entry.put("metascopes", metascopes);
        entry.put("scopes", List.of("openid", "AdobeID"));
        entry.put("certificates", List.of(certificateFile.toAbsolutePath().normalize().toString()));
        return entry;
    }
}
