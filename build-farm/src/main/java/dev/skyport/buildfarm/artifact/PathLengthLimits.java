package dev.skyport.buildfarm.artifact;

/**
 * Lengths of entry names and link targets, checked before anything else reads them: a PAX header can
 * carry a name or link target of megabytes, and every later check is at least linear in it. The
 * limits are the Linux kernel's, so no context that could exist on disk is refused.
 */
final class PathLengthLimits {

    /** PATH_MAX: no path longer than this can be created or resolved. */
    static final int MAX_PATH_BYTES = 4096;
    /** NAME_MAX: no file name (path segment) longer than this can be created. */
    static final int MAX_SEGMENT_BYTES = 255;

    /** How much of an overlong name an error shows, so the error stays small whatever the upload. */
    private static final int SHOWN_CHARS = 64;

    private PathLengthLimits() {
    }

    static void checkName(String name) {
        long bytes = utf8Length(name, 0, name.length());
        if (bytes > MAX_PATH_BYTES) {
            String shown = shown(name);
            throw ArchiveRejectedException.invalid(ArchiveProblem.NAME_TOO_LONG, shown, "entry '" + shown + "' has"
                    + " a name of " + bytes + " bytes, over Linux's limit of " + MAX_PATH_BYTES + " bytes for a path"
                    + "; no file system could hold it, so shorten the path or leave it out");
        }
        checkSegments(name, name, "entry '" + name + "'");
    }

    /** {@code what} is how the message names the link, such as {@code symbolic link 'a'}. */
    static void checkLinkTarget(String name, String target, String what) {
        long bytes = utf8Length(target, 0, target.length());
        if (bytes > MAX_PATH_BYTES) {
            throw ArchiveRejectedException.invalid(ArchiveProblem.LINK_TARGET_TOO_LONG, name, what + " has a target"
                    + " of " + bytes + " bytes ('" + shown(target) + "'), over Linux's limit of " + MAX_PATH_BYTES
                    + " bytes for a path; no system could follow it, so point the link at a shorter path");
        }
        checkSegments(target, name, "the target of " + what);
    }

    /** The start of an overlong name, marked as cut: what {@code details.entry} holds for it. */
    static String shown(String text) {
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }

    private static void checkSegments(String path, String entry, String what) {
        int start = 0;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            long bytes = utf8Length(path, start, end);
            if (bytes > MAX_SEGMENT_BYTES) {
                throw ArchiveRejectedException.invalid(ArchiveProblem.PATH_SEGMENT_TOO_LONG, entry, what + " has a"
                        + " file name of " + bytes + " bytes ('" + shown(path.substring(start, end)) + "'), over"
                        + " Linux's limit of " + MAX_SEGMENT_BYTES + " bytes for one name; shorten that name");
            }
            start = end + 1;
        }
    }

    /** Bytes of {@code text[from, to)} in UTF-8, counted without encoding it. */
    private static long utf8Length(String text, int from, int to) {
        long bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
