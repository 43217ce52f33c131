package io.github.fakeims.server;

import java.util.Arrays;
import java.util.Locale;

/** The token grants a credential may use. */
public enum Grant {
    /** Service Account (JWT): {@code POST /ims/exchange/jwt}. */
    JWT_EXCHANGE("jwt_exchange"),
    /** OAuth Server-to-Server: {@code POST /ims/token/v3} with {@code grant_type=client_credentials}. */
    CLIENT_CREDENTIALS("client_credentials");

    private final String configName;

    Grant(String configName) {
        this.configName = configName;
    }

    /** The name used in the JSON configuration, e.g. {@code jwt_exchange}. */
    public String configName() {
        return configName;
    }

    /** Parses a configuration name such as {@code client_credentials}. */
    public static Grant fromConfigName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(grant -> grant.configName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown grant '" + name + "'; expected one of jwt_exchange, client_credentials"));
    }
}
