package io.github.fakeims.server;

import com.nimbusds.jose.util.X509CertUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS identity of a fake's HTTPS listener: the server's key and certificate chain, and the CA a
 * client must trust (the chain's last certificate). The fake makes a throwaway one when HTTPS is asked
 * for without one; {@link #caCertificatePem()}, {@link #trustStore()} and {@link #clientSslContext()}
 * are what a client needs to trust it, without touching the JVM-wide defaults.
 */
public final class FakeImsTls {

    /** The password of {@link #trustStore()} when written to a file: it holds only a public certificate. */
    public static final String TRUST_STORE_PASSWORD = "fake-ims";

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private FakeImsTls(PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("tls: the server certificate chain is empty");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /**
     * The client's side only: the CA of a fake running elsewhere (e.g. from {@code GET /fake-ims/tls/ca.pem}),
     * for {@link #trustStore()} and {@link #clientSslContext()}; it cannot serve TLS.
     */
    public static FakeImsTls trusting(X509Certificate ca) {
        return new FakeImsTls(null, List.of(Objects.requireNonNull(ca, "ca")));
    }

    /** A server key and its chain, the server certificate first and the CA last (a self-signed server certificate is its own CA). */
    public static FakeImsTls of(PrivateKey key, List<X509Certificate> chain) {
        return new FakeImsTls(Objects.requireNonNull(key, "key"), chain);
    }

    /**
     * The first key entry of a key store (PKCS#12 or JKS), e.g. the user's own {@code --tls-keystore}.
     *
     * @throws IllegalArgumentException when the store cannot be read or holds no key entry, saying which
     */
    public static FakeImsTls fromKeyStore(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(file.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (chain == null || chain.length == 0) {
                        continue;
                    }
                    return new FakeImsTls((PrivateKey) store.getKey(alias, password),
                            Arrays.stream(chain).map(X509Certificate.class::cast).toList());
                }
            }
            throw new IllegalArgumentException("tls-keystore: " + file + " holds no private key entry with a certificate chain");
        } catch (IOException e) {
            throw new IllegalArgumentException("tls-keystore: cannot read " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("tls-keystore: " + file + " is not a usable key store: " + e.getMessage(), e);
        }
    }

    /** The server's certificate. */
    public X509Certificate serverCertificate() {
        return chain.get(0);
    }

    /** The certificate clients must trust: the root of the chain. */
    public X509Certificate caCertificate() {
        return chain.get(chain.size() - 1);
    }

    /** {@link #caCertificate()} as PEM, what {@code GET /fake-ims/tls/ca.pem} answers. */
    public String caCertificatePem() {
        return X509CertUtils.toPEMString(caCertificate()) + "\n";
    }

    /** A PKCS#12 store holding only the CA certificate, as a trusted entry. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("fake-ims-ca", caCertificate());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store for the fake's CA", e);
        }
    }

    /** Writes {@link #trustStore()} to {@code file}, with the password {@link #TRUST_STORE_PASSWORD}. */
    public void writeTrustStore(Path file) {
        try (var out = Files.newOutputStream(file)) {
            trustStore().store(out, TRUST_STORE_PASSWORD.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the trust store " + file, e);
        }
    }

    /** An {@link SSLContext} for clients that trusts the fake's CA (and nothing else). */
    public SSLContext clientSslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an SSLContext trusting the fake's CA", e);
        }
    }

    /** The listener's side: the server key and chain. */
    public SSLContext serverSslContext() {
        if (key == null) {
            throw new IllegalStateException("tls: only the CA is known (FakeImsTls.trusting), which cannot serve TLS");
        }
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("fake-ims", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls: the server key and certificate cannot serve TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "FakeImsTls{server=" + serverCertificate().getSubjectX500Principal() + ", ca=" + caCertificate().getSubjectX500Principal() + "}";
    }
}
