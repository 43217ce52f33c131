package io.github.fakeims.server.internal;

import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.internal.admin.AdminEntryPoint;
import io.github.fakeims.server.internal.core.HandlerResult;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.credential.ClientCredentialSources;
import io.github.fakeims.server.internal.handler.Router;
import io.github.fakeims.server.internal.http.RawPath;
import io.github.fakeims.server.internal.control.FaultEffects;
import io.github.fakeims.server.internal.control.FaultSchedule;
import io.github.fakeims.server.internal.control.RequestJournal;
import io.github.fakeims.server.internal.http.FormBodyParser;
import io.github.fakeims.server.internal.http.FormParams;
import io.github.fakeims.server.internal.http.ImsRequest;
import io.github.fakeims.server.internal.http.ImsResponse;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The engine-neutral front door: reads parameters, applies a scripted fault, routes, turns rejections
 * into IMS error bodies, stamps every response with an {@code x-debug-id}, logs each rejection's
 * precise reason once and records every IMS request's result in the journal, then renders the
 * response from that same result (the reason header among it). {@code /fake-ims/} requests go to
 * the admin API and are not journaled.
 */
public final class Dispatcher {

    public static final String DEBUG_ID_HEADER = "x-debug-id";
    private static final System.Logger LOG = System.getLogger("io.github.fakeims.server");

    private final Router router;
    private final AdminEntryPoint admin;
    private final FaultSchedule faults;
    private final RequestJournal journal;
    private final RequestGate gate;

    Dispatcher(Router router, AdminEntryPoint admin, FaultSchedule faults, RequestJournal journal, RequestGate gate) {
        this.gate = gate;
        this.router = router;
        this.admin = admin;
        this.faults = faults;
        this.journal = journal;
    }

    public ImsResponse dispatch(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        return dispatch("http", method, rawPath, rawQuery, headers, body);
    }

    /**
     * {@code scheme}: the listener's, {@code http} or {@code https}, so URLs the fake names follow what the client used;
     * {@code rawPath} still percent-encoded: the admin API decodes it segment by segment, IMS routes whole.
     */
    public ImsResponse dispatch(String scheme, String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String path = RawPath.decode(rawPath);
        Optional<ImsError> refused = gate.check(method, path, headers);
        if (refused.isPresent()) {
            return refuse(refused.get(), method, path);
        }
        String debugId = UUID.randomUUID().toString();
        if (RequestGate.isAdminPath(path)) {
            return withoutCorsHeaders(administer(scheme, method, rawPath, rawQuery, headers, body, debugId)).withHeader(DEBUG_ID_HEADER, debugId);
        }
        ImsEndpoint endpoint = ImsEndpoint.ofPath(path);
        FormParams sent = FormParams.empty();
        FormParams params = FormParams.empty();
        Optional<Fault> fault = Optional.empty();
        HandlerResult result;
        try {
            sent = parseParams(rawQuery, headers, body);
            params = sent; // what the journal names the client by, should the headers conflict with it
            params = ClientCredentialSources.merge(sent, headers);
            ImsRequest request = new ImsRequest(scheme, method, path, headers, params);
            fault = faults.consume(endpoint, params.get("client_id"));
            result = fault.isPresent() ? FaultEffects.apply(fault.get(), faults.now(), () -> router.route(endpoint, request))
                    : router.route(endpoint, request);
        } catch (ImsRejection rejection) {
            result = rejected(rejection, method, path, debugId);
        } catch (RuntimeException | Error bug) {
            // an Error too (a StackOverflowError from hostile nesting, a LinkageError from another library
            // version): the client gets an answer, and the worker thread lives on
            result = HandlerResult.rejected(new ImsRejection(bug(bug, method, path, debugId)));
        }
        try {
            // The parameters as sent (a Basic header's secret is no parameter), the client however it was named.
            journal.record(method, path, endpoint, sent, params.get("client_id"), result, fault, debugId);
        } catch (RuntimeException | Error bug) {
            // The client still gets its answer; the missing entry is a bug to report.
            LOG.log(Level.WARNING, "x-debug-id " + debugId + ": the fake IMS could not journal " + method + " " + path, bug);
        }
        return result.rendered().withHeader(DEBUG_ID_HEADER, debugId);
    }

    /**
     * An IMS error for a request refused before routing (an oversized body, a foreign Host); journaled
     * unless it was for the admin API, whose errors carry their reason in the body too.
     */
    public ImsResponse refuse(ImsError error, String method, String path) {
        String debugId = UUID.randomUUID().toString();
        HandlerResult result = rejected(new ImsRejection(error), method, path, debugId);
        if (RequestGate.isAdminPath(path)) {
            return withReasonInBody(result.rendered(), error).withHeader(DEBUG_ID_HEADER, debugId);
        }
        journal.record(method, path, ImsEndpoint.ofPath(path), FormParams.empty(), result, Optional.empty(), debugId);
        return result.rendered().withHeader(DEBUG_ID_HEADER, debugId);
    }

    /** The 500 for a failure that escaped everything else; not journaled (the failure may be the journal's). */
    public ImsResponse failed(String method, String path, Throwable failure) {
        String debugId = UUID.randomUUID().toString();
        ImsError error = bug(failure, method, path, debugId);
        ImsResponse response = RequestGate.isAdminPath(path) ? withReasonInBody(error.toResponse(), error) : error.toResponse();
        return response.withHeader(DEBUG_ID_HEADER, debugId);
    }

    /** No admin answer may let another origin read it or send more, whatever a route sets. */
    private static ImsResponse withoutCorsHeaders(ImsResponse response) {
        if (response.headers().keySet().stream().noneMatch(name -> name.regionMatches(true, 0, "Access-Control-", 0, 15))) {
            return response;
        }
        Map<String, String> kept = new LinkedHashMap<>(response.headers());
        kept.keySet().removeIf(name -> name.regionMatches(true, 0, "Access-Control-", 0, 15));
        return new ImsResponse(response.status(), kept, response.body());
    }

    private ImsResponse administer(String scheme, String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                                   byte[] body, String debugId) {
        String path = RawPath.decode(rawPath);
        try {
            return admin.handle(scheme, method, rawPath, rawQuery, headers, body);
        } catch (ImsRejection rejection) {
            return withReasonInBody(rejected(rejection, method, path, debugId).rendered(), rejection.error());
        } catch (RuntimeException | Error bug) {
            ImsError error = bug(bug, method, path, debugId);
            return withReasonInBody(error.toResponse(), error);
        }
    }

    /** A bug in the fake: logged with its stack trace, answered with a 500 that points at the log. */
    private static ImsError bug(Throwable bug, String method, String path, String debugId) {
        LOG.log(Level.WARNING, "x-debug-id " + debugId + ": " + method + " " + path + " failed inside the fake IMS", bug);
        return new ImsError(500, "server_error", "The server encountered an internal error.",
                "fake IMS bug (" + bug.getClass().getSimpleName() + "); see its log for x-debug-id " + debugId);
    }

    /** The admin API is not IMS's own, so its errors carry the reason in the body too, where curl users see it. */
    private static ImsResponse withReasonInBody(ImsResponse response, ImsError error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error_description", error.description());
        json.put("error", error.error());
        json.put("reason", error.reason());
        return new ImsResponse(response.status(), response.headers(), ImsResponse.json(response.status(), json).body());
    }

    /** The rejection as a result, its precise reason logged once. */
    private static HandlerResult rejected(ImsRejection rejection, String method, String path, String debugId) {
        ImsError error = rejection.error();
        LOG.log(Level.INFO, () -> "x-debug-id " + debugId + ": " + method + " " + path + " -> " + error.status() + " "
                + error.error() + " (" + error.description() + "): " + error.reason());
        return HandlerResult.rejected(rejection);
    }

    private static FormParams parseParams(String rawQuery, Map<String, List<String>> headers, byte[] body) throws ImsRejection {
        Optional<String> contentType = headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type") && !header.getValue().isEmpty())
                .map(header -> header.getValue().get(0))
                .findFirst();
        try {
            return FormBodyParser.parse(rawQuery, contentType, body);
        } catch (FormBodyParser.MalformedBodyException e) {
            throw new ImsRejection(ImsError.badRequest(e.getMessage()));
        }
    }
}
