package dev.clickupsync.read;

import java.util.Locale;

/**
 * What a read request's {@code Cache-Control} header asks of the replica's caches (RFC 9111 5.2.1):
 * {@code no-cache}, or {@code max-age=0}, means "do not answer from what you keep": the answer is
 * computed from the mirror and then kept in place of the old one, for the requests after it. One
 * parser for both caches ({@link PageCache} through {@link TaskQueryReadResource}, {@link AnswerCache}
 * through {@link AnswerCacheFilter}), so a client's header means the same to both. Other directives
 * ({@code no-store}, {@code max-stale}, {@code max-age=N} with N above 0) are ignored: the bound the
 * operator configured applies.
 */
final class RequestCacheControl {
    private RequestCacheControl() {
    }

    /** Whether {@code header} (null when absent) asks for a freshly computed answer. */
    static boolean refresh(String header) {
        if (header == null) {
            return false;
        }
        for (String directive : header.split(",")) {
            String d = directive.strip().toLowerCase(Locale.ROOT);
            if (d.equals("no-cache") || d.startsWith("max-age=") && zero(d.substring("max-age=".length()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a {@code max-age} value (delta-seconds, quoted or not) is zero: {@code 0}, {@code 00}, {@code "0"}. */
    private static boolean zero(String value) {
        String digits = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
        return !digits.isEmpty() && digits.chars().allMatch(c -> c == '0');
    }
}
