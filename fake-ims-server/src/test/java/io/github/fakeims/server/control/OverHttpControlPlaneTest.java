package io.github.fakeims.server.control;

import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsAdminClient;
import io.github.fakeims.server.FakeImsServer;
import java.net.URI;

/** The control plane contract, driven over the admin HTTP API by {@link FakeImsAdminClient}. */
class OverHttpControlPlaneTest extends ControlPlaneContract {

    @Override
    protected FakeIms face(FakeImsServer server, URI address) {
        return FakeImsAdminClient.connect(address);
    }

    @Override
    protected boolean overHttp() {
        return true;
    }
}
