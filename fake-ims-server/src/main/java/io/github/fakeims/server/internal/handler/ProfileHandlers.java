package io.github.fakeims.server.internal.handler;

import io.github.fakeims.server.internal.ImsError;
import io.github.fakeims.server.internal.ImsRejection;
import io.github.fakeims.server.internal.http.ImsRequest;
import io.github.fakeims.server.internal.http.ImsResponse;
import io.github.fakeims.server.internal.token.IssuedToken;
import io.github.fakeims.server.internal.token.TokenCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bearer-authenticated descriptions of a token's organization and technical account
 * ({@code /ims/organizations/v5|v6}, {@code /ims/profile/v1}, {@code /ims/userinfo/v2}); the shapes
 * are the fake's choice, small and stable.
 */
public final class ProfileHandlers {

    private final TokenValidationHandlers validation;

    public ProfileHandlers(TokenValidationHandlers validation) {
        this.validation = validation;
    }

    public ImsResponse organizations(ImsRequest request) throws ImsRejection {
        Map<String, Object> claims = authorized(request).claims();
        String org = (String) claims.get("org");
        Map<String, Object> orgRef = new LinkedHashMap<>();
        orgRef.put("ident", org.contains("@") ? org.substring(0, org.indexOf('@')) : org);
        orgRef.put("authSrc", "AdobeOrg");
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("orgName", "Fake IMS organization " + org);
        organization.put("orgRef", orgRef);
        organization.put("orgType", "Enterprise");
        organization.put("countryCode", "US");
        organization.put("groups", List.of());
        return ImsResponse.json(200, List.of(organization));
    }

    public ImsResponse profile(ImsRequest request) throws ImsRejection {
        Map<String, Object> claims = authorized(request).claims();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account_type", "technicalAccount");
        body.put("userId", claims.get("user_id"));
        body.put("authId", claims.get("user_id"));
        body.put("email", claims.get("user_id"));
        body.put("emailVerified", "true");
        body.put("ownerOrg", claims.get("org"));
        body.put("client_id", claims.get("client_id"));
        return ImsResponse.json(200, body);
    }

    public ImsResponse userInfo(ImsRequest request) throws ImsRejection {
        Map<String, Object> claims = authorized(request).claims();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", claims.get("user_id"));
        body.put("account_type", "technicalAccount");
        body.put("email", claims.get("user_id"));
        body.put("email_verified", true);
        body.put("org", claims.get("org"));
        return ImsResponse.json(200, body);
    }

    private IssuedToken authorized(ImsRequest request) throws ImsRejection {
        String token = request.bearerToken().orElseThrow(() -> new ImsRejection(
                ImsError.invalidAccessToken("no Authorization: Bearer <access token> header")));
        TokenCheck check = validation.check(token);
        return check.token().orElseThrow(() -> new ImsRejection(ImsError.invalidAccessToken(check.reason())));
    }
}
