package io.github.fakeims.junit.internal;

import com.adobe.aio.auth.JwtContext;
import com.adobe.aio.auth.OAuthContext;
import com.adobe.aio.ims.ImsService;
import com.adobe.aio.ims.JwtTokenBuilder;
import com.adobe.aio.ims.api.ImsApi;
import com.adobe.aio.ims.model.AccessToken;
import com.adobe.aio.util.feign.FeignUtil;
import com.adobe.aio.workspace.Workspace;
import feign.Client;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * aio-lib-java's {@code ImsService} for an HTTPS fake, trusting its CA without changing the JVM-wide
 * defaults. aio-lib-java 1.1.26's {@code FeignImsService} builds its Feign client with no way to pass an
 * {@code SSLContext} (it uses {@code HttpsURLConnection}'s JVM-wide default), so this is the same three
 * calls on aio-lib-java's own parts: its Feign {@code ImsApi}, form encoder and decoders, and its
 * {@code JwtTokenBuilder}; only the transport's trust differs.
 */
final class TrustingImsService implements ImsService {

    private final Workspace workspace;
    private final ImsApi api;

    TrustingImsService(Workspace workspace, SSLContext trust) {
        this.workspace = workspace;
        this.api = FeignUtil.getBuilderWithFormEncoder()
                .client(new Client.Default(trust.getSocketFactory(), null))
                .target(ImsApi.class, workspace.getImsUrl());
    }

    @Override
    public AccessToken getJwtExchangeAccessToken() {
        if (!(workspace.getAuthContext() instanceof JwtContext context)) {
            throw new IllegalStateException("AuthContext in workspace not of type `JwtContext`.");
        }
        context.validate();
        return api.getJwtAccessToken(workspace.getApiKey(), context.getClientSecret(), new JwtTokenBuilder(workspace).build());
    }

    @Override
    public boolean validateAccessToken(String accessToken) {
        if (!(workspace.getAuthContext() instanceof JwtContext)) {
            throw new IllegalStateException("AuthContext in workspace not of type `JwtContext`.");
        }
        return api.validateJwtToken("access_token", workspace.getApiKey(), accessToken).getValid();
    }

    @Override
    public AccessToken getOAuthAccessToken() {
        if (!(workspace.getAuthContext() instanceof OAuthContext context)) {
            throw new IllegalStateException("AuthContext in workspace not of type `OAuthContext`.");
        }
        String scopes = context.getScopes().stream().filter(scope -> scope != null && !scope.isBlank()).map(String::trim)
                .collect(Collectors.joining(","));
        return api.getOAuthAccessToken(workspace.getApiKey(), context.getClientSecret(), scopes);
    }
}
