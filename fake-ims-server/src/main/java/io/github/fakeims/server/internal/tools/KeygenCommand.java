package io.github.fakeims.server.internal.tools;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import java.io.IOException;
import java.io.InputStream;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.Grant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import io.github.fakeims.server.internal.tls.Keytool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Makes what the Developer Console makes for a Service Account credential: an RSA-2048 key pair and a
 * self-signed certificate as PEM files, plus the fake's config entry for a credential using them. The
 * JDK's own keytool makes the certificate, so the jar needs no certificate library.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Writes private.key and certificate.pem (RSA-2048, self-signed) and prints a credential entry for the config file.")
final class KeygenCommand implements Callable<Integer> {

    private static final SecureRandom RANDOM = new SecureRandom();

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
        Path keystore = Files.createTempFile("fake-ims-keygen", ".p12");
        Files.delete(keystore); // keytool makes the store itself
        try {
            char[] password = HexFormat.of().formatHex(random(16)).toCharArray();
            runKeytool(keystore, password);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password);
            }
            PrivateKey key = (PrivateKey) store.getKey("credential", password);
            X509Certificate certificate = (X509Certificate) store.getCertificate("credential");
            Files.writeString(privateKeyFile, PemFiles.privateKeyPem(key), StandardCharsets.US_ASCII);
            Files.writeString(certificateFile, X509CertUtils.toPEMString(certificate) + "\n", StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key keytool made: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(keystore);
        }
        spec.commandLine().getOut().println("Wrote " + privateKeyFile + " and " + certificateFile);
        spec.commandLine().getOut().println("A credential for the fake's config file (\"credentials\": [ ... ]):");
        spec.commandLine().getOut().println(JSONObjectUtils.toJSONString(credentialEntry(certificateFile)));
        return 0;
    }

    private void runKeytool(Path keystore, char[] password) {
        Keytool.run(null, "-genkeypair", "-alias", "credential",
                "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", subject,
                "-validity", Integer.toString(days), "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(password), "-keypass", new String(password));
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

    private static byte[] random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return random;
    }
}
