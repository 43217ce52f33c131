package io.github.fakeims.examples.spring;

import static org.springframework.security.oauth2.client.web.client.RequestAttributeClientRegistrationIdResolver.clientRegistrationId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls Analytics' report suites API with a token from IMS: Spring Security's OAuth2 client gets it with
 * the {@code ims} registration (client_credentials) and caches it until it expires.
 */
@Component
public class AnalyticsClient {

    static final String REGISTRATION = "ims";

    private final RestClient analytics;
    private final String apiKey;

    public AnalyticsClient(RestClient.Builder builder, OAuth2AuthorizedClientManager clients, ClientRegistrationRepository registrations,
                           @Value("${adobe.analytics.url:https://analytics.adobe.io}") String analyticsUrl) {
        this.analytics = builder.baseUrl(analyticsUrl).requestInterceptor(new OAuth2ClientHttpRequestInterceptor(clients)).build();
        this.apiKey = registrations.findByRegistrationId(REGISTRATION).getClientId();
    }

    public String reportSuites(String companyId) {
        return analytics.get()
                .uri("/api/{company}/reportsuites/collections/suites", companyId)
                .attributes(clientRegistrationId(REGISTRATION))
                .header("x-api-key", apiKey)
                .header("x-proxy-global-company-id", companyId)
                .retrieve()
                .body(String.class);
    }
}
