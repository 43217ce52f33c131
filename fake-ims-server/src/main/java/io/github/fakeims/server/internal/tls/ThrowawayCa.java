package io.github.fakeims.server.internal.tls;

import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.FakeImsTls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * Makes a throwaway CA and a server certificate it signed for the given names, with the JDK's own
 * keytool (the server module has no certificate library at run time). Only run when HTTPS is asked for
 * without a key store: it costs a few keytool launches.
 */
public final class ThrowawayCa {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int VALIDITY_DAYS = 30;

    private ThrowawayCa() {
    }

    /** The names every throwaway server certificate carries, before the bind host, public hosts and extra names. */
    public static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");

    /** The subject alternative names for these host names (loopback first, duplicates and wildcards binds dropped). */
    public static List<String> subjectAlternativeNames(List<String> hosts) {
        Set<String> names = new LinkedHashSet<>(LOOPBACK_NAMES);
        for (String host : hosts) {
            String name = host.strip();
            if (name.startsWith("[") && name.endsWith("]")) {
                name = name.substring(1, name.length() - 1);
            }
            if (!name.isEmpty() && !name.equals("0.0.0.0") && !name.equals("::")) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(names);
    }

    /** A CA and a server certificate for {@code names} (DNS names or IP addresses). */
    public static FakeImsTls create(List<String> names) {
        Path folder;
        try {
            folder = Files.createTempDirectory("fake-ims-tls-keytool");
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a temporary folder for keytool: " + e.getMessage(), e);
        }
        String password = HexFormat.of().formatHex(random(16));
        Path ca = folder.resolve("ca.p12");
        Path server = folder.resolve("server.p12");
        try {
            // The two key pairs are independent: make them at once.
            CompletableFuture<String> caKey = CompletableFuture.supplyAsync(() -> Keytool.run(null, "-genkeypair", "-alias", "ca",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Fake IMS throwaway CA", "-ext", "bc:c",
                    "-validity", Integer.toString(VALIDITY_DAYS), "-storetype", "PKCS12", "-keystore", ca.toString(),
                    "-storepass", password, "-keypass", password));
            Keytool.run(null, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + names.get(0), "-validity", Integer.toString(VALIDITY_DAYS), "-storetype", "PKCS12",
                    "-keystore", server.toString(), "-storepass", password, "-keypass", password);
            String request = Keytool.run(null, "-certreq", "-alias", "server", "-keystore", server.toString(), "-storepass", password);
            caKey.join();
            String issued = Keytool.run(request, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password,
                    "-validity", Integer.toString(VALIDITY_DAYS), "-ext", "san=" + sanExtension(names),
                    "-ext", "eku=serverAuth", "-ext", "ku:c=digitalSignature,keyAgreement");
            X509Certificate serverCertificate = X509CertUtils.parse(issued.substring(issued.indexOf("-----BEGIN CERTIFICATE-----")));
            if (serverCertificate == null) {
                throw new IllegalStateException("keytool -gencert printed no certificate: " + issued.strip());
            }
            KeyStore serverStore = load(server, password);
            KeyStore caStore = load(ca, password);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(serverCertificate);
            chain.add((X509Certificate) caStore.getCertificate("ca"));
            return FakeImsTls.of((PrivateKey) serverStore.getKey("server", password.toCharArray()), chain);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read the certificates keytool made: " + e.getMessage(), e);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            for (Path file : List.of(ca, server, folder)) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind; nothing else depends on it
                }
            }
        }
    }

    private static String sanExtension(List<String> names) {
        return String.join(",", names.stream().map(name -> (IPV4.matcher(name).matches() || name.contains(":") ? "ip:" : "dns:") + name).toList());
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static byte[] random(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
