package io.github.fakeims.server.internal.core;

import io.github.fakeims.server.internal.http.ImsResponse;
import java.util.Map;

/**
 * What a handler returns: the response and the {@link Outcome} the journal records. The response
 * carries no reason header; {@link #rendered()} writes it from the outcome (sanitised and cut there,
 * and only there), so the journal never reads the fake's own output back.
 */
public record HandlerResult(ImsResponse response, Outcome outcome) {

    /** A response with nothing to record beyond it. */
    public static HandlerResult answered(ImsResponse response) {
        return new HandlerResult(response, Outcome.NONE);
    }

    /** The IMS error body, the rejection's extra headers ({@code Allow}, {@code Retry-After}) and the error as the outcome. */
    public static HandlerResult rejected(ImsRejection rejection) {
        ImsResponse response = rejection.error().body();
        for (Map.Entry<String, String> header : rejection.headers().entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return new HandlerResult(response, Outcome.rejected(rejection.error()));
    }

    /** The same outcome with another response (a scripted fault's rewrite). */
    public HandlerResult withResponse(ImsResponse other) {
        return new HandlerResult(other, outcome);
    }

    /** The response as the client gets it: the outcome's reason, if any, in {@link ImsResponse#REASON_HEADER}. */
    public ImsResponse rendered() {
        return outcome.reason().map(reason -> response.withHeader(ImsResponse.REASON_HEADER, reason)).orElse(response);
    }
}
