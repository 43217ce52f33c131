package io.github.fakeims.examples;

import com.adobe.aio.auth.OAuthContext;
import com.adobe.aio.ims.ImsService;
import com.adobe.aio.workspace.Workspace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The example "application": reads an Analytics company's report suites. It gets its access token
 * from IMS through aio-lib-java, with a Service Account (JWT) or an OAuth Server-to-Server
 * credential, whichever its workspace holds, and calls the API with it.
 */
public final class ReportSuitesClient {

    private final Workspace workspace;
    private final ImsService ims;
    private final URI analyticsUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    public ReportSuitesClient(Workspace workspace, URI analyticsUrl) {
        this.workspace = workspace;
        this.ims = ImsService.builder().workspace(workspace).build();
        this.analyticsUrl = analyticsUrl;
    }

    /** The JSON list of report suites of {@code companyId}. */
    public String reportSuites(String companyId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(analyticsUrl.resolve("/api/" + companyId + "/reportsuites/collections/suites"))
                .header("Authorization", "Bearer " + accessToken())
                .header("x-api-key", workspace.getApiKey())
                .header("x-proxy-global-company-id", companyId)
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Analytics answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** OAuth Server-to-Server replaces JWT credentials; the application supports both. */
    private String accessToken() {
        return workspace.getAuthContext() instanceof OAuthContext
                ? ims.getOAuthAccessToken().getAccessToken()
                : ims.getJwtExchangeAccessToken().getAccessToken();
    }
}
