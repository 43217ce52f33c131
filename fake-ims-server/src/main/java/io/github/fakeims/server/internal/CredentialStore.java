package io.github.fakeims.server.internal;

import io.github.fakeims.server.Credential;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The credentials the fake knows, by client id. Thread-safe. */
public final class CredentialStore {

    private final Map<String, Credential> byClientId = new ConcurrentHashMap<>();

    public CredentialStore(Collection<Credential> initial) {
        initial.forEach(this::put);
    }

    /** Registers a credential, replacing any with the same client id. */
    public void put(Credential credential) {
        byClientId.put(credential.clientId(), credential);
    }

    public Optional<Credential> find(String clientId) {
        return Optional.ofNullable(byClientId.get(clientId));
    }

    public boolean remove(String clientId) {
        return byClientId.remove(clientId) != null;
    }

    public List<Credential> all() {
        return List.copyOf(byClientId.values());
    }

    /** A few registered client ids, for error reasons. */
    String describeClientIds() {
        if (byClientId.isEmpty()) {
            return "no credential is registered";
        }
        String ids = byClientId.keySet().stream().sorted().limit(5).collect(Collectors.joining(", "));
        return "registered: " + ids + (byClientId.size() > 5 ? ", …" : "");
    }
}
