package io.github.fakeims.server.control;

import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsServer;

/** The control plane contract, driven through the in-process {@link FakeImsServer} itself. */
class InProcessControlPlaneTest extends ControlPlaneContract {

    @Override
    protected FakeIms face(FakeImsServer server) {
        return server;
    }
}
