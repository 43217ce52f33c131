package io.github.fakeims.server.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads IMS request parameters from a query string and a {@code application/x-www-form-urlencoded}
 * or {@code multipart/form-data} body. Lenient where real clients are sloppy (values that were never
 * URL-encoded, stray {@code %}), strict where the input makes no sense (a multipart body without its
 * boundary): that is a {@link MalformedBodyException}, never a crash.
 */
public final class FormBodyParser {

    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(\"([^\"]+)\"|([^;\\s]+))");
    /** RFC 2046 allows 70 characters; longer ones only serve to make each search slow. Other sloppiness is forgiven. */
    private static final Pattern VALID_BOUNDARY = Pattern.compile("[^\\x00-\\x1F\\x7F]{1,70}");
    private static final Pattern DISPOSITION_NAME = Pattern.compile("(?i)\\bname=(\"([^\"]*)\"|([^;\\s]+))");

    private FormBodyParser() {
    }

    /** Thrown for a body that cannot be read as the content type it claims. */
    public static final class MalformedBodyException extends Exception {
        public MalformedBodyException(String message) {
            super(message);
        }
    }

    /** Parameters of the query string and body; body values win over query values of the same name. */
    public static FormParams parse(String rawQuery, Optional<String> contentType, byte[] body) throws MalformedBodyException {
        FormParams query = rawQuery == null ? FormParams.empty() : parseUrlEncoded(rawQuery);
        if (body.length == 0) {
            return query;
        }
        String type = contentType.orElse("application/x-www-form-urlencoded");
        String mediaType = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        FormParams bodyParams = switch (mediaType) {
            case "application/x-www-form-urlencoded", "" -> parseUrlEncoded(new String(body, StandardCharsets.ISO_8859_1));
            case "multipart/form-data" -> parseMultipart(type, body);
            default -> throw new MalformedBodyException("Content-Type " + mediaType
                    + " is not accepted; send application/x-www-form-urlencoded or multipart/form-data");
        };
        return bodyParams.withFallback(query);
    }

    static FormParams parseUrlEncoded(String text) {
        Map<String, FormParams.Value> values = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            // Blanks around a name are forgiven; control characters are not (client_secret%00 is another name).
            String name = Blanks.strip(decode(rawName));
            // The raw value is kept as UTF-8 text, as the client typed it.
            String raw = new String(rawValue.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, new FormParams.Value(decode(rawValue), raw));
        }
        return new FormParams(values);
    }

    /** Percent-decoding that keeps a {@code %} not followed by two hex digits as it is. */
    static String decode(String latin1) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(latin1.length());
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < latin1.length()
                    && hex(latin1.charAt(i + 1)) >= 0 && hex(latin1.charAt(i + 2)) >= 0) {
                bytes.write(hex(latin1.charAt(i + 1)) * 16 + hex(latin1.charAt(i + 2)));
                i += 2;
            } else {
                bytes.write(c & 0xFF);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    static FormParams parseMultipart(String contentType, byte[] body) throws MalformedBodyException {
        Matcher boundaryMatch = BOUNDARY.matcher(contentType);
        if (!boundaryMatch.find()) {
            throw new MalformedBodyException("multipart/form-data without a boundary parameter in Content-Type");
        }
        String boundaryValue = boundaryMatch.group(2) != null ? boundaryMatch.group(2) : boundaryMatch.group(3);
        if (!VALID_BOUNDARY.matcher(boundaryValue).matches()) {
            throw new MalformedBodyException("the multipart boundary must be 1 to 70 visible characters (RFC 2046)");
        }
        String boundary = "--" + boundaryValue;
        // ISO-8859-1 maps each byte to one char, so offsets stay byte offsets.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int start = text.indexOf(boundary);
        if (start < 0) {
            throw new MalformedBodyException("multipart body does not contain its boundary " + boundary);
        }
        Map<String, FormParams.Value> values = new LinkedHashMap<>();
        int cursor = start + boundary.length();
        while (!text.startsWith("--", cursor)) {
            if (cursor >= text.length()) {
                if (values.isEmpty()) {
                    throw new MalformedBodyException("multipart body is truncated: it ends after its first boundary");
                }
                break; // a missing final "--" is forgiven once there were parts
            }
            int partStart = skipLineBreak(text, cursor);
            int next = text.indexOf(boundary, partStart);
            if (next < 0) {
                throw new MalformedBodyException("multipart body is truncated: a part has no closing boundary");
            }
            // Each part is searched on its own, so the whole parse stays linear in the body's size.
            String part = text.substring(partStart, next);
            int headersEnd;
            int separator;
            if (part.startsWith("\r\n") || part.startsWith("\n")) { // a part without headers
                headersEnd = 0;
                separator = part.startsWith("\r\n") ? 2 : 1;
            } else {
                headersEnd = part.indexOf("\r\n\r\n");
                separator = 4;
                if (headersEnd < 0) {
                    headersEnd = part.indexOf("\n\n");
                    separator = 2;
                }
            }
            if (headersEnd < 0) {
                throw new MalformedBodyException("a multipart part has no blank line between its headers and its value");
            }
            int valueEnd = part.length();
            if (part.endsWith("\r\n")) {
                valueEnd -= 2;
            } else if (part.endsWith("\n")) {
                valueEnd -= 1;
            }
            int valueStart = headersEnd + separator;
            String value = new String(part.substring(valueStart, Math.max(valueEnd, valueStart))
                    .getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            partName(part.substring(0, headersEnd)).ifPresent(name -> values.putIfAbsent(name, new FormParams.Value(value, value)));
            cursor = next + boundary.length();
        }
        return new FormParams(values);
    }

    private static int skipLineBreak(String text, int index) {
        if (text.startsWith("\r\n", index)) {
            return index + 2;
        }
        return text.startsWith("\n", index) ? index + 1 : index;
    }

    private static Optional<String> partName(String partHeaders) {
        for (String line : partHeaders.split("\r?\n")) {
            if (line.regionMatches(true, 0, "Content-Disposition:", 0, 20)) {
                Matcher name = DISPOSITION_NAME.matcher(line);
                if (name.find()) {
                    String value = name.group(2) != null ? name.group(2) : name.group(3);
                    return Optional.of(new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.empty();
    }
}
