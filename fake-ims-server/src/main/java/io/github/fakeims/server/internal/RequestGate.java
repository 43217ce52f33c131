package io.github.fakeims.server.internal;

import io.github.fakeims.server.internal.core.ImsError;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every request passes before it is routed, in one place so that routes added later are
 * covered too:
 * <ul>
 * <li>{@code Host} must be {@code host[:port]}; when the fake is bound to a loopback address it must
 * also name loopback ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}), the bind host or a
 * {@code publicBaseUrls} host or a name of the HTTPS certificate: a page that rebinds its own name to 127.0.0.1 is refused (421).</li>
 * <li>Admin routes ({@code /fake-ims/...}) refuse a cross-site or foreign {@code Origin} and
 * {@code Sec-Fetch-Site} other than {@code same-origin}/{@code none} (403), and POST/PUT/PATCH without
 * {@code Content-Type: application/json} (or {@code application/x-pem-file} for a certificate) (415):
 * such a content type forces a browser to ask first (CORS preflight), and no admin answer ever carries
 * {@code Access-Control-Allow-*}, so the answer is no.</li>
 * </ul>
 */
public final class RequestGate {

    /** A reg-name of unreserved characters or an IPv6 literal, then an optional port. */
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~-]+)(?::(\\d{1,5}))?");
    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH");

    private final boolean checkHostName;
    private final Set<String> acceptedHostNames;

    /**
     * @param bindHost       the address the fake listens on
     * @param publicBaseUrls the configured public base URLs, whose hosts are accepted too
     */
    public RequestGate(String bindHost, Collection<URI> publicBaseUrls) {
        this(bindHost, publicBaseUrls, List.of());
    }

    /** @param tlsNames the HTTPS certificate's extra names ({@code --tls-san}), which clients may use too */
    public RequestGate(String bindHost, Collection<URI> publicBaseUrls, Collection<String> tlsNames) {
        this.checkHostName = isLoopback(bindHost);
        Set<String> names = new HashSet<>(List.of("localhost", "[::1]"));
        names.add(hostName(bindHost));
        publicBaseUrls.forEach(url -> names.add(url.getHost().toLowerCase(Locale.ROOT)));
        tlsNames.forEach(name -> names.add(hostName(name)));
        this.acceptedHostNames = Set.copyOf(names);
    }

    public static boolean isAdminPath(String path) {
        return path.startsWith("/fake-ims/") || path.equals("/fake-ims");
    }

    /** The refusal for this request, or empty when it may be routed. */
    public Optional<ImsError> check(String method, String path, Map<String, List<String>> headers) {
        List<String> hosts = values(headers, "Host");
        if (hosts.size() > 1) {
            return Optional.of(ImsError.badRequest("the request has " + hosts.size() + " Host headers; send one"));
        }
        Optional<String> host = hosts.stream().findFirst().map(String::trim);
        if (host.isPresent()) {
            Matcher matcher = HOST.matcher(host.get());
            if (!matcher.matches()) {
                return Optional.of(ImsError.badRequest("the Host header is not host[:port] (letters, digits, . _ ~ -, or an [IPv6] literal)"));
            }
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            if (checkHostName && !acceptedHostNames.contains(name) && !LOOPBACK_IPV4.matcher(name).matches()) {
                return Optional.of(new ImsError(421, "misdirected_request", "The request was sent to the wrong server.",
                        "Host " + name + " is not a name of this fake: bound to loopback, it answers localhost, 127.0.0.1, [::1], "
                                + "its bind host and the hosts of publicBaseUrls (a page that rebinds its own name to 127.0.0.1 "
                                + "must not reach it)"));
            }
        }
        if (isConsoleNavigation(method, path, headers)) {
            return Optional.empty(); // a link to the console from another page: its files hold no data, every datum needs the checks below
        }
        return isAdminPath(path) ? checkAdmin(method, host, headers) : Optional.empty();
    }

    /**
     * A browser opening the console's page (a top-level navigation: {@code Sec-Fetch-Mode: navigate}, a GET) from a
     * link on another page. The static files it loads say nothing about the fake, and what the page then asks
     * for is same-origin, so the cross-site rules need not stand in the way of the link.
     */
    private static boolean isConsoleNavigation(String method, String path, Map<String, List<String>> headers) {
        return (method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD"))
                && (path.equals("/fake-ims/console") || path.startsWith("/fake-ims/console/"))
                && first(headers, "Sec-Fetch-Mode").map(mode -> mode.trim().equalsIgnoreCase("navigate")).orElse(false);
    }

    private static Optional<ImsError> checkAdmin(String method, Optional<String> host, Map<String, List<String>> headers) {
        Optional<String> fetchSite = first(headers, "Sec-Fetch-Site").map(value -> value.trim().toLowerCase(Locale.ROOT));
        if (fetchSite.isPresent() && !fetchSite.get().equals("same-origin") && !fetchSite.get().equals("none")) {
            return Optional.of(forbidden("Sec-Fetch-Site is " + fetchSite.get()
                    + ": the admin API answers only its own pages and non-browser clients"));
        }
        Optional<String> origin = first(headers, "Origin").map(String::trim);
        if (origin.isPresent() && !sameOrigin(origin.get(), host)) {
            return Optional.of(forbidden("Origin " + origin.get() + " is not this fake's own origin"
                    + host.map(h -> " (http://" + h + ")").orElse("") + ": the admin API refuses cross-origin requests"));
        }
        if (WRITE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            String type = first(headers, "Content-Type").orElse("");
            String mediaType = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!mediaType.equals("application/json") && !mediaType.equals("application/x-pem-file")) {
                return Optional.of(new ImsError(415, "unsupported_media_type", "The request body must be JSON.",
                        "admin " + method + " requests must send Content-Type: application/json (or application/x-pem-file"
                                + " for a PEM body; it was "
                                + (type.isEmpty() ? "absent" : type) + "); a browser cannot send that cross-site without asking first"));
            }
        }
        return Optional.empty();
    }

    private static boolean sameOrigin(String origin, Optional<String> host) {
        if (host.isEmpty()) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            return uri.getRawAuthority() != null && (uri.getPath() == null || uri.getPath().isEmpty())
                    && uri.getRawAuthority().equalsIgnoreCase(host.get());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static ImsError forbidden(String reason) {
        return new ImsError(403, "forbidden", "The request is not allowed.", reason);
    }

    private static boolean isLoopback(String bindHost) {
        try {
            return InetAddress.getByName(hostName(bindHost).replaceAll("^\\[|\\]$", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String hostName(String bindHost) {
        String name = bindHost.toLowerCase(Locale.ROOT);
        return name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name;
    }

    private static List<String> values(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .flatMap(header -> header.getValue().stream()).toList();
    }

    private static Optional<String> first(Map<String, List<String>> headers, String name) {
        return values(headers, name).stream().findFirst();
    }
}
