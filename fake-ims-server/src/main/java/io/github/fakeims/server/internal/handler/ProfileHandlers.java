package io.github.fakeims.server.internal.handler;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.internal.credential.CredentialStore;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.core.HandlerResult;
import io.github.fakeims.server.internal.http.ImsRequest;
import io.github.fakeims.server.internal.http.ImsResponse;
import io.github.fakeims.server.internal.token.IssuedToken;
import io.github.fakeims.server.internal.token.TokenCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Bearer-authenticated descriptions of a token's organization and technical account
 * ({@code /ims/organizations/v1…v6}, {@code /ims/profile/v1…v3}, {@code /ims/userinfo[/v1|/v2]}, every
 * version the same); the shapes are the fake's choice, small and stable. The organization comes from
 * the credential: JWT-era tokens carry no {@code org} claim.
 */
public final class ProfileHandlers {

    /** The scope that asks for {@code projectedProductContext} in the profile (Analytics credentials have it). */
    static final String PRODUCT_CONTEXT_SCOPE = "additional_info.projectedProductContext";

    private final TokenValidationHandlers validation;
    private final CredentialStore credentials;

    public ProfileHandlers(TokenValidationHandlers validation, CredentialStore credentials) {
        this.validation = validation;
        this.credentials = credentials;
    }

    public HandlerResult organizations(ImsRequest request) throws ImsRejection {
        String org = orgOf(authorized(request));
        Map<String, Object> orgRef = new LinkedHashMap<>();
        orgRef.put("ident", org.contains("@") ? org.substring(0, org.indexOf('@')) : org);
        orgRef.put("authSrc", "AdobeOrg");
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("orgName", "Fake IMS organization " + org);
        organization.put("orgRef", orgRef);
        organization.put("orgType", "Enterprise");
        organization.put("countryCode", "US");
        organization.put("groups", List.of());
        return HandlerResult.answered(ImsResponse.json(200, List.of(organization)));
    }

    public HandlerResult profile(ImsRequest request) throws ImsRejection {
        IssuedToken token = authorized(request);
        Map<String, Object> claims = token.claims();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account_type", "technicalAccount");
        body.put("userId", claims.get("user_id"));
        body.put("authId", claims.get("user_id"));
        body.put("email", claims.get("user_id"));
        body.put("emailVerified", "true");
        body.put("ownerOrg", orgOf(token));
        body.put("client_id", claims.get("client_id"));
        if (List.of(String.valueOf(claims.get("scope")).split(",")).contains(PRODUCT_CONTEXT_SCOPE)) {
            body.put("projectedProductContext", productContexts(token));
        }
        return HandlerResult.answered(ImsResponse.json(200, body));
    }

    public HandlerResult userInfo(ImsRequest request) throws ImsRejection {
        IssuedToken token = authorized(request);
        Map<String, Object> claims = token.claims();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", claims.get("user_id"));
        body.put("account_type", "technicalAccount");
        body.put("email", claims.get("user_id"));
        body.put("email_verified", true);
        body.put("org", orgOf(token));
        return HandlerResult.answered(ImsResponse.json(200, body));
    }

    /**
     * One entry per product the credential reaches, in the shape Adobe code reads
     * ({@code projectedProductContext[].prodCtx.serviceCode / owningEntity}): the fake names a product by
     * its metascope code (its choice; real service codes are not public).
     */
    private List<Map<String, Object>> productContexts(IssuedToken token) {
        String org = orgOf(token);
        Set<String> products = token.metascopes().isEmpty()
                ? credentials.find(token.clientId()).map(Credential::metascopes).orElse(Set.of()) : token.metascopes();
        return new TreeSet<>(products).stream().map(code -> {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("serviceCode", code);
            context.put("owningEntity", org);
            context.put("label", code);
            return Map.<String, Object>of("prodCtx", context);
        }).toList();
    }

    private String orgOf(IssuedToken token) {
        Object org = token.claims().get("org");
        return org instanceof String text ? text
                : credentials.find(token.clientId()).map(Credential::orgId).orElse("");
    }

    private IssuedToken authorized(ImsRequest request) throws ImsRejection {
        String token = request.bearerToken().orElseThrow(() -> new ImsRejection(
                ImsError.invalidAccessToken("no Authorization: Bearer <access token> header")));
        TokenCheck check = validation.check(token);
        return check.token().orElseThrow(() -> new ImsRejection(ImsError.invalidAccessToken(check.reason())));
    }
}
