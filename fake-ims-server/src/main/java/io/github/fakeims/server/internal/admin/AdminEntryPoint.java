package io.github.fakeims.server.internal.admin;

import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.http.ImsResponse;
import java.util.List;
import java.util.Map;

/** The admin API's entry point as the dispatcher sees it; here rather than in the dispatcher so admin never depends on the wiring. */
@FunctionalInterface
public interface AdminEntryPoint {
    /** A request that came over {@code scheme} ({@code http} or {@code https}); {@code rawPath} still percent-encoded. */
    ImsResponse handle(String scheme, String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                       byte[] body) throws ImsRejection;
}
