package io.github.fakeims.server.control;

import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsServer;
import java.net.URI;

/** The control plane contract, driven through the in-process {@link FakeImsServer} itself (reached at its own address). */
class InProcessControlPlaneTest extends ControlPlaneContract {

    @Override
    protected FakeIms face(FakeImsServer server, URI address) {
        return server;
    }

    @Override
    protected boolean overHttp() {
        return false;
    }
}
