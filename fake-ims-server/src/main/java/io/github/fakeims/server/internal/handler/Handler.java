package io.github.fakeims.server.internal.handler;

import io.github.fakeims.server.internal.core.HandlerResult;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.http.ImsRequest;

/** One endpoint: a function of the request, answering with a result (response and outcome) or rejecting with an IMS error. */
@FunctionalInterface
public interface Handler {
    HandlerResult handle(ImsRequest request) throws ImsRejection;
}
