package io.github.fakeims.server.internal.http;

/** Copy-and-paste slack: surrounding spaces, tabs and line breaks are forgiven; control characters are not. */
public final class Blanks {

    private Blanks() {
    }

    /** {@code text} without leading and trailing space, tab, CR and LF (unlike {@link String#trim}, which takes every char ≤ 0x20). */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && " \t\r\n".indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \t\r\n".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }
}
