package io.github.fakeims.server.internal;

import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsImplementation;
import io.github.fakeims.server.internal.admin.RemoteFakeIms;
import io.github.fakeims.server.internal.config.ConfigJson;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** What the public package's facades run on, found through {@code META-INF/services}; holds no state. */
public final class ServerImplementation implements FakeImsImplementation {

    @Override
    public Listening start(FakeImsConfig config) {
        return ListeningFakeIms.start(config);
    }

    @Override
    public Remote connect(URI baseUrl, Optional<String> adminToken, Optional<SSLContext> tls) {
        return new RemoteFakeIms(baseUrl, adminToken, tls);
    }

    @Override
    public FakeImsConfig.Builder parseConfig(String json, Path folder) {
        return ConfigJson.parse(json, folder);
    }

    @Override
    public String writeConfig(FakeImsConfig config) {
        return ConfigJson.write(config);
    }
}
