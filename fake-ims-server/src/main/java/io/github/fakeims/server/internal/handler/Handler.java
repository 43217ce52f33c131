package io.github.fakeims.server.internal.handler;

import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.http.ImsRequest;
import io.github.fakeims.server.internal.http.ImsResponse;

/** One endpoint: a function of the request, answering or rejecting with an IMS error. */
@FunctionalInterface
public interface Handler {
    ImsResponse handle(ImsRequest request) throws ImsRejection;
}
