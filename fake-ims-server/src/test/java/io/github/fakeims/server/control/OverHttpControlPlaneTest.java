package io.github.fakeims.server.control;

import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsAdminClient;
import io.github.fakeims.server.FakeImsServer;

/** The control plane contract, driven over the admin HTTP API by {@link FakeImsAdminClient}. */
class OverHttpControlPlaneTest extends ControlPlaneContract {

    @Override
    protected FakeIms face(FakeImsServer server) {
        return FakeImsAdminClient.connect(server.baseUrl());
    }
}
