package io.github.fakeims.server.internal.credential;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.http.FormParams;
import java.util.stream.Collectors;

/** Checks {@code client_id}, {@code client_secret} and the grant, in the order IMS answers them. */
public final class ClientAuthenticator {

    private final CredentialStore credentials;

    public ClientAuthenticator(CredentialStore credentials) {
        this.credentials = credentials;
    }

    /** Authenticates the client and checks that its credential may use {@code grant}. */
    public Credential authenticate(FormParams params, Grant grant) throws ImsRejection {
        return checkGrant(authenticate(params), grant);
    }

    /** The credential, if it may use {@code grant}; else IMS's 401 {@code invalid_client}. */
    public static Credential checkGrant(Credential credential, Grant grant) throws ImsRejection {
        if (!credential.allows(grant)) {
            throw new ImsRejection(ImsError.grantNotAllowed("client_id " + credential.clientId() + " may use "
                    + credential.grants() + ", not " + grant.configName()));
        }
        return credential;
    }

    /** Authenticates the client by {@code client_id} and {@code client_secret}. */
    public Credential authenticate(FormParams params) throws ImsRejection {
        Credential credential = identify(required(params, "client_id"));
        String secret = required(params, "client_secret");
        if (credential.clientSecrets().stream().noneMatch(registered -> params.matches("client_secret", registered))) {
            throw new ImsRejection(ImsError.wrongSecret("client_secret " + preview(secret)
                    + " does not match " + (credential.clientSecrets().size() == 1 ? "the secret" : "either secret")
                    + " registered for client_id " + credential.clientId() + " ("
                    + credential.clientSecrets().stream().map(ClientAuthenticator::preview).collect(Collectors.joining(", ")) + ")"));
        }
        return credential;
    }

    /** The credential of a client id, or {@code invalid_client}. */
    public Credential identify(String clientId) throws ImsRejection {
        return credentials.find(clientId).orElseThrow(() -> new ImsRejection(ImsError.unknownClient(
                "no credential has client_id " + clientId + " (" + credentials.describeClientIds() + ")")));
    }

    public static String required(FormParams params, String name) throws ImsRejection {
        return params.get(name).orElseThrow(() -> new ImsRejection(ImsError.missingParameter(name)));
    }

    /** Enough of a secret to spot a typo or an encoding slip, not the whole of it. */
    private static String preview(String secret) {
        String start = secret.length() <= 6 ? secret.substring(0, Math.min(2, secret.length())) : secret.substring(0, 4);
        return "'" + start + "...' (" + secret.length() + " chars)";
    }
}
