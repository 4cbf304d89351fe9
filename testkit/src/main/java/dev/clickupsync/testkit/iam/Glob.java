package dev.clickupsync.testkit.iam;

import java.util.regex.Pattern;

/** IAM's wildcards: {@code *} any run of characters, {@code ?} one character; case-sensitive. */
final class Glob {
    private Glob() {
    }

    static boolean matches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    /** Actions are case-insensitive in IAM. */
    static boolean matchesAction(String pattern, String action) {
        return matches(pattern.toLowerCase(java.util.Locale.ROOT), action.toLowerCase(java.util.Locale.ROOT));
    }
}
