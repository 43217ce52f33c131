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
            String name = decode(rawName).trim();
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
        String boundary = "--" + (boundaryMatch.group(2) != null ? boundaryMatch.group(2) : boundaryMatch.group(3));
        // ISO-8859-1 maps each byte to one char, so offsets stay byte offsets.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int start = text.indexOf(boundary);
        if (start < 0) {
            throw new MalformedBodyException("multipart body does not contain its boundary " + boundary);
        }
        Map<String, FormParams.Value> values = new LinkedHashMap<>();
        int cursor = start + boundary.length();
        while (!text.startsWith("--", cursor)) {
            int headersStart = skipLineBreak(text, cursor);
            int headersEnd = text.indexOf("\r\n\r\n", headersStart);
            int separator = 4;
            if (headersEnd < 0) {
                headersEnd = text.indexOf("\n\n", headersStart);
                separator = 2;
            }
            int next = headersEnd < 0 ? -1 : text.indexOf(boundary, headersEnd + separator);
            if (next < 0) {
                throw new MalformedBodyException("multipart body is truncated: a part has no closing boundary");
            }
            String partHeaders = text.substring(headersStart, headersEnd);
            int valueEnd = next;
            if (text.startsWith("\r\n", valueEnd - 2)) {
                valueEnd -= 2;
            } else if (text.startsWith("\n", valueEnd - 1)) {
                valueEnd -= 1;
            }
            String value = new String(text.substring(headersEnd + separator, Math.max(valueEnd, headersEnd + separator))
                    .getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            partName(partHeaders).ifPresent(name -> values.putIfAbsent(name, new FormParams.Value(value, value)));
            cursor = next + boundary.length();
            if (cursor >= text.length()) {
                break;
            }
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
