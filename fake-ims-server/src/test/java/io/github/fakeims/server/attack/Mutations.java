package io.github.fakeims.server.attack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators shared by the fuzz properties: character-level edits of a text (flip, insert,
 * delete, duplicate, truncate), segment-level edits of a compact JWT (swap, drop, duplicate, splice in
 * another token's segment), and the strict reading of a compact JWS that decides whether a mutant is
 * still the same JWT.
 */
final class Mutations {

    static final String BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** Characters that are easy to get wrong in a JWT: padding, the standard alphabet, whitespace, controls, non-ASCII. */
    static final String NASTY = "=+/ \t\n\r\u0000\u0001\u007f!%&\"'{}[]:,\\\u00e9\u00ff\u20ac\ufeff\u2028.";

    private Mutations() {
    }

    enum Kind { FLIP, INSERT, DELETE, DUPLICATE, TRUNCATE }

    /** One edit; positions are fractions of the current length so that every edit applies to every text. */
    record Edit(Kind kind, double at, int length, String text) {

        String apply(String input) {
            int position = (int) Math.min(input.length(), Math.floor(at * (input.length() + 1)));
            int end = Math.min(input.length(), position + length);
            return switch (kind) {
                case FLIP -> position >= input.length() ? input + text
                        : input.substring(0, position) + text + input.substring(Math.min(input.length(), position + text.length()));
                case INSERT -> input.substring(0, position) + text + input.substring(position);
                case DELETE -> input.substring(0, position) + input.substring(end);
                case DUPLICATE -> input.substring(0, end) + input.substring(position, end) + input.substring(end);
                case TRUNCATE -> input.substring(0, position);
            };
        }
    }

    static Arbitrary<Edit> edits(Arbitrary<Character> chars) {
        return Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 40),
                chars.list().ofMinSize(1).ofMaxSize(3).map(Mutations::join)
        ).as(Edit::new);
    }

    static Arbitrary<List<Edit>> editLists(Arbitrary<Character> chars) {
        return edits(chars).list().ofMinSize(1).ofMaxSize(4);
    }

    static String apply(String input, List<Edit> edits) {
        String result = input;
        for (Edit edit : edits) {
            result = edit.apply(result);
        }
        return result;
    }

    static Arbitrary<Character> base64UrlChars() {
        return Arbitraries.of(toChars(BASE64URL_ALPHABET + "."));
    }

    /** Nasty characters half of the time, otherwise any BMP character that is not a surrogate. */
    static Arbitrary<Character> anyChars() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(toChars(NASTY))),
                Tuple.of(3, Arbitraries.of(toChars(BASE64URL_ALPHABET))),
                Tuple.of(2, Arbitraries.chars().range('\u0000', '\ud7ff')));
    }

    // --- segment-level edits of a compact JWT -------------------------------------------------------------

    enum SegmentKind { SWAP, DROP, DUPLICATE, SPLICE_FROM_DONOR, EMPTY, REVERSE }

    record SegmentEdit(SegmentKind kind, int first, int second, int donor) {

        String apply(String jwt, List<String> donors) {
            List<String> parts = new ArrayList<>(Arrays.asList(jwt.split("\\.", -1)));
            if (parts.isEmpty()) {
                return jwt;
            }
            int i = Math.floorMod(first, parts.size());
            int j = Math.floorMod(second, parts.size());
            switch (kind) {
                case SWAP -> {
                    String a = parts.get(i);
                    parts.set(i, parts.get(j));
                    parts.set(j, a);
                }
                case DROP -> parts.remove(i);
                case DUPLICATE -> parts.add(j, parts.get(i));
                case SPLICE_FROM_DONOR -> {
                    String[] donorParts = donors.get(Math.floorMod(donor, donors.size())).split("\\.", -1);
                    parts.set(i, donorParts[Math.floorMod(second, donorParts.length)]);
                }
                case EMPTY -> parts.set(i, "");
                case REVERSE -> parts.set(i, new StringBuilder(parts.get(i)).reverse().toString());
            }
            return String.join(".", parts);
        }
    }

    static Arbitrary<List<SegmentEdit>> segmentEdits() {
        return Combinators.combine(Arbitraries.of(SegmentKind.class), Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 10))
                .as(SegmentEdit::new).list().ofMinSize(1).ofMaxSize(3);
    }

    // --- the oracle -------------------------------------------------------------------------------------

    /**
     * Whether {@code mutant} is still exactly {@code original} as a compact JWS, read strictly: surrounding
     * blanks (space, tab, CR, LF) aside, the header and payload texts unchanged (the signature covers
     * that text) and the signature part strict base64url (RFC 7515 section 2: no padding, no other
     * alphabet, nothing in between) decoding to the same bytes.
     */
    static boolean sameJws(String mutant, String original) {
        String[] parts = stripBlanks(mutant).split("\\.", -1);
        String[] originalParts = original.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(originalParts[0]) || !parts[1].equals(originalParts[1])) {
            return false;
        }
        return strictBase64Url(parts[2]) && Arrays.equals(Base64.getUrlDecoder().decode(parts[2]),
                Base64.getUrlDecoder().decode(originalParts[2]));
    }

    static boolean strictBase64Url(String text) {
        if (text.length() % 4 == 1) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (BASE64URL_ALPHABET.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String stripBlanks(String text) {
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

    static Character[] toChars(String text) {
        return text.chars().mapToObj(c -> (char) c).toArray(Character[]::new);
    }

    private static String join(List<Character> chars) {
        StringBuilder text = new StringBuilder();
        chars.forEach(text::append);
        return text.toString();
    }

    /** Printable for a failure message: control and non-ASCII characters as \\uXXXX. */
    static String visible(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }
}
