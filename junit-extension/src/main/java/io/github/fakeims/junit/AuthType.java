package io.github.fakeims.junit;

/** Which kind of credential the injected aio-lib-java {@code Workspace} and {@code ImsService} use. */
public enum AuthType {
    /** Service Account (JWT): {@code ImsService.getJwtExchangeAccessToken()}. */
    SERVICE_ACCOUNT_JWT,
    /** OAuth Server-to-Server: {@code ImsService.getOAuthAccessToken()}. */
    OAUTH_SERVER_TO_SERVER
}
