package io.github.fakeims.junit.internal;

import com.adobe.aio.auth.OAuthContext;
import com.adobe.aio.ims.ImsService;
import com.adobe.aio.workspace.Workspace;
import io.github.fakeims.junit.AuthType;
import io.github.fakeims.junit.DeveloperCredential;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Builds aio-lib-java-ims clients for a credential. The only class that names aio-lib-java types:
 * it is loaded only when a test asks for one, so the library stays an optional dependency.
 */
public final class AioClients {

    public static final String WORKSPACE = "com.adobe.aio.workspace.Workspace";
    public static final String IMS_SERVICE = "com.adobe.aio.ims.ImsService";

    private AioClients() {
    }

    public static Workspace workspace(DeveloperCredential credential, AuthType auth) {
        Workspace.Builder workspace = Workspace.builder()
                .imsUrl(credential.imsUrl().toString())
                .imsOrgId(credential.orgId())
                .apiKey(credential.clientId())
                .consumerOrgId(credential.consumerOrgId())
                .projectId(credential.projectId())
                .workspaceId(credential.workspaceId());
        if (auth == AuthType.OAUTH_SERVER_TO_SERVER) {
            OAuthContext.Builder context = OAuthContext.builder().clientSecret(credential.clientSecret());
            credential.scopes().stream().sorted().forEach(context::addScope);
            return workspace.authContext(context.build()).build();
        }
        workspace.credentialId(credential.credentialId())
                .clientSecret(credential.clientSecret())
                .technicalAccountId(credential.technicalAccountId())
                .privateKey(credential.privateKey());
        credential.metascopes().stream().sorted().forEach(code -> workspace.addMetascope("/s/" + code));
        return workspace.build();
    }

    public static ImsService imsService(DeveloperCredential credential, AuthType auth) {
        return imsService(credential, auth, Optional.empty());
    }

    /** aio-lib-java's own client; for an HTTPS fake ({@code trust} present) one that trusts its CA only through {@code trust}. */
    public static ImsService imsService(DeveloperCredential credential, AuthType auth, Optional<SSLContext> trust) {
        Workspace workspace = workspace(credential, auth);
        return trust.<ImsService>map(context -> new TrustingImsService(workspace, context))
                .orElseGet(() -> ImsService.builder().workspace(workspace).build());
    }
}
