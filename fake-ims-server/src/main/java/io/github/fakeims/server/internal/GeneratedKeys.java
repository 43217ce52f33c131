package io.github.fakeims.server.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The private keys of the credentials the fake generated itself ({@code POST /fake-ims/credentials/generate}),
 * by client id: what an export needs to hand out a complete credential file. Never listed by the admin
 * API. Bounded: past {@link #MAX_KEYS} the oldest key is forgotten (about 2 KB each). A key is forgotten
 * when its credential is removed, and not answered once its certificate left the credential. Thread-safe.
 */
public final class GeneratedKeys {

    /** At most this many keys are kept (~{@value} × 2 KB). */
    public static final int MAX_KEYS = 256;

    private final Map<String, KeytoolKeyPairs.KeyPair> byClientId = new LinkedHashMap<>();
    private final CredentialStore credentials;

    public GeneratedKeys(CredentialStore credentials) {
        this.credentials = credentials;
    }

    public synchronized void remember(String clientId, KeytoolKeyPairs.KeyPair keys) {
        byClientId.remove(clientId);
        byClientId.put(clientId, keys);
        while (byClientId.size() > MAX_KEYS) {
            byClientId.remove(byClientId.keySet().iterator().next());
        }
    }

    /**
     * The private key the fake made for this credential, while the credential exists and still has the
     * key's certificate.
     */
    public Optional<PrivateKey> privateKey(String clientId) {
        KeytoolKeyPairs.KeyPair keys;
        synchronized (this) {
            keys = byClientId.get(clientId);
        }
        if (keys == null) {
            return Optional.empty();
        }
        X509Certificate certificate = keys.certificate();
        return credentials.find(clientId).filter(credential -> credential.certificates().contains(certificate))
                .map(credential -> keys.privateKey());
    }

    public synchronized void forget(String clientId) {
        byClientId.remove(clientId);
    }

    /** Forgets the keys of every credential but these (after a reset). */
    public synchronized void retainOnly(Collection<String> clientIds) {
        byClientId.keySet().retainAll(clientIds);
    }

    public synchronized int size() {
        return byClientId.size();
    }
}
