package dev.skyport.gateway.path;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds what makes a raw (still percent-encoded) request path mean different things to different servers, in
 * the spirit of Envoy's {@code normalize_path}/{@code merge_slashes} and its rejection of escaped slashes, but
 * refusing instead of rewriting: the gateway routes on the path as sent, so it must be the path the upstream
 * reads.
 *
 * <p>Checks run from the path's structure to its spelling, so {@code /%2e%2e/} is reported as a dot segment
 * rather than as an encoded character.
 */
public final class AmbiguousPaths {

    private AmbiguousPaths() {
    }

    public static Optional<PathProblem> find(String rawPath, PathPolicy policy) {
        PathProblem problem = brokenCharacter(rawPath);
        if (problem == null) {
            problem = badSegment(rawPath);
        }
        if (problem == null && policy == PathPolicy.STRICT) {
            problem = secondSpelling(rawPath);
        }
        if (problem == null && policy == PathPolicy.STRICT) {
            problem = invalidUtf8(rawPath);
        }
        return Optional.ofNullable(problem);
    }

    /** Control characters, backslashes, broken escapes, and escapes of characters that split segments. */
    private static PathProblem brokenCharacter(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (isControl(c)) {
                return controlCharacter(c);
            }
            if (c == '\\') {
                return new PathProblem("backslash",
                        "the path contains a backslash ('\\'), which some servers read as '/'; use '/' between segments");
            }
            if (c != '%') {
                continue;
            }
            int decoded = escapedByte(path, i);
            if (decoded < 0) {
                return new PathProblem("malformed_escape", "the path has a '%' at position " + i
                        + " that is not followed by two hex digits; send a literal '%' as %25");
            }
            if (isControl((char) decoded)) {
                return controlCharacter((char) decoded);
            }
            if (decoded == '/' || decoded == '\\') {
                String escape = path.substring(i, i + 3);
                return new PathProblem("encoded_slash", "the path contains " + escape + ", an encoded '"
                        + (char) decoded + "' that some servers treat as a segment separator and others do not; "
                        + "put the value in the query string instead");
            }
        }
        return null;
    }

    /** Empty segments ({@code //}) and dot segments, also percent-encoded or followed by a parameter. */
    private static PathProblem badSegment(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            boolean last = end < 0;
            String segment = path.substring(start, last ? path.length() : end);
            if (segment.isEmpty() && !last) {
                return new PathProblem("empty_segment",
                        "the path contains an empty segment ('//'); remove the extra '/'");
            }
            // '..;x' is '..' to servers that drop path parameters (Tomcat, Jetty)
            String name = decodeUnreserved(withoutParameters(segment));
            if (name.equals(".") || name.equals("..")) {
                return new PathProblem("dot_segment", "the path contains a '" + name + "' segment ('" + segment
                        + "'), which servers resolve differently; send the resolved path instead");
            }
            if (last) {
                break;
            }
            start = end + 1;
        }
        return null;
    }

    /** What {@link PathPolicy#STRICT} adds: one spelling only, so no parameters and no needless escapes. */
    private static PathProblem secondSpelling(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ';') {
                return matrixParameter(";");
            }
            if (c != '%') {
                continue;
            }
            int decoded = escapedByte(path, i);
            if (decoded == ';') {
                return matrixParameter(path.substring(i, i + 3));
            }
            if (isUnreserved(decoded)) {
                return new PathProblem("encoded_unreserved", "the path encodes '" + (char) decoded + "' as "
                        + path.substring(i, i + 3) + "; letters, digits and '-._~' must be sent as they are "
                        + "(RFC 3986 §2.3). Send " + decodeUnreserved(path));
            }
        }
        return null;
    }

    /**
     * Escaped bytes that are not strict UTF-8: overlong forms ({@code %C0%AE} is a second spelling of
     * {@code .}), truncated or stray sequences, encoded surrogates. A lenient decoder upstream may read
     * them as {@code ..} or {@code /} after every check here has passed. Each run of consecutive escapes
     * must decode on its own, since a literal character cannot continue a multi-byte sequence.
     */
    private static PathProblem invalidUtf8(String path) {
        int i = 0;
        while (i < path.length()) {
            if (path.charAt(i) != '%') {
                i++;
                continue;
            }
            int start = i;
            while (i < path.length() && path.charAt(i) == '%') {
                i += 3;
            }
            ByteBuffer bytes = ByteBuffer.allocate((i - start) / 3);
            for (int at = start; at < i; at += 3) {
                bytes.put((byte) escapedByte(path, at));
            }
            bytes.flip();
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(bytes);
            } catch (CharacterCodingException e) {
                return new PathProblem("invalid_utf8_escape", "the path contains " + path.substring(start, i)
                        + ", which is not valid UTF-8 (an overlong, truncated or stray byte sequence) and which"
                        + " lenient servers may decode to another character, such as '.' or '/'; percent-encode"
                        + " the UTF-8 bytes of the text (é is %C3%A9)");
            }
        }
        return null;
    }

    private static PathProblem matrixParameter(String spelling) {
        return new PathProblem("matrix_parameter", "the path contains '" + spelling + "', which some servers read "
                + "as the start of a path parameter and others as data; send parameters in the query string");
    }

    private static PathProblem controlCharacter(char c) {
        return new PathProblem("control_character", String.format(
                "the path contains the control character 0x%02X; remove it or send it in the query string", (int) c));
    }

    private static String withoutParameters(String segment) {
        int semicolon = segment.indexOf(';');
        int encoded = indexOfIgnoreCase(segment, "%3b");
        int cut = semicolon < 0 ? encoded : encoded < 0 ? semicolon : Math.min(semicolon, encoded);
        return cut < 0 ? segment : segment.substring(0, cut);
    }

    private static int indexOfIgnoreCase(String text, String lowerCaseNeedle) {
        return text.toLowerCase(Locale.ROOT).indexOf(lowerCaseNeedle);
    }

    /** Decodes the escapes of unreserved characters only; everything else stays as sent. */
    private static String decodeUnreserved(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder plain = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            int decoded = text.charAt(i) == '%' ? escapedByte(text, i) : -1;
            if (isUnreserved(decoded)) {
                plain.append((char) decoded);
                i += 2;
            } else {
                plain.append(text.charAt(i));
            }
        }
        return plain.toString();
    }

    /** The byte a {@code %XX} at {@code at} stands for, or -1 when it is not a complete escape. */
    private static int escapedByte(String text, int at) {
        if (at + 2 >= text.length()) {
            return -1;
        }
        int high = hexDigit(text.charAt(at + 1));
        int low = hexDigit(text.charAt(at + 2));
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    /** ASCII only: {@link Character#digit} would also accept other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
            return (c | 0x20) - 'a' + 10;
        }
        return -1;
    }

    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F;
    }
}
