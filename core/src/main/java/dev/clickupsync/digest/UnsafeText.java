package dev.clickupsync.digest;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must never reach a posted digest, defined once for both sides of the model.
 * {@link DigestPrompt} {@linkplain #neutralise neutralises} it in every fact value before the model
 * sees it, and {@link AnswerCheck} rejects an answer that contains it. Because no fact can carry a
 * link, a mention, a hidden character or markup, an answer that does was written by the model
 * (typically because it followed text in a task name), and is never posted.
 *
 * <p>All checks run on the NFKC form of the text, so look-alikes that normalise to the real thing
 * (a full-width {@code ＠}, a full-width {@code ｈｔｔｐｓ：／／}) are caught too.
 */
final class UnsafeText {
    /**
     * Characters a reader cannot see or that change how text around them is shown: control
     * characters (line breaks are handled by the caller), format characters (zero-width spaces and
     * joiners, bidirectional overrides, soft hyphens), private-use, unassigned and lone surrogate
     * code points, and the Unicode line and paragraph separators.
     */
    static final Pattern HIDDEN = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Cs}\\u2028\\u2029]");

    /**
     * Anything a renderer may turn into a link: a scheme ({@code https://}, {@code ftp://}, ...),
     * {@code www.}, {@code mailto:}/{@code javascript:}/{@code data:...}, an IP address with a port
     * or path, a dotted name followed by a path, or a dotted name ending in a common top-level
     * domain ({@code evil.example}, {@code bit.ly}). A file name like {@code README.md} is not a link.
     * No group is repeated (a dotted name is one character class): a repeated group recurses in
     * {@code java.util.regex} and overflows the stack on a long run of {@code a.a.a.}; and a name
     * is only tried from its first character, so a long run is scanned once, not once per character.
     */
    static final Pattern LINK = Pattern.compile("(?i)"
            + "(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://"
            + "|(?<![a-z0-9])www\\d{0,3}\\."
            + "|(?<![a-z0-9])(?:mailto|javascript|vbscript):"
            + "|(?<![a-z0-9])data:[a-z]+/"
            + "|\\d{1,3}(?:\\.\\d{1,3}){3}[:/]"
            + "|(?<![a-z0-9.-])[a-z0-9-][a-z0-9.-]*\\.[a-z]{2,24}/"
            + "|(?<![a-z0-9.-])[a-z0-9-][a-z0-9.-]*\\.(?:com|net|org|edu|gov|mil|int|io|co|ai|app|dev|info|biz|me|ly"
            + "|gg|to|tv|cc|xyz|site|online|top|click|link|live|shop|store|cloud|page|zip|mov|example|test|invalid"
            + "|localhost|uk|us|de|fr|ru|cn|jp|in|br|au|ca|eu|nl|it|es|ch|se|no|pl|tk|ml|ga|cf|gq|pw|su|ws)"
            + "(?![a-z0-9-])");

    /** An at sign: the start of an {@code @mention} or a ClickUp user tag (or an e-mail address). */
    static final Pattern MENTION = Pattern.compile("@");

    /**
     * Markup that can hide or disguise text in a rendered comment: an HTML tag, comment or chat
     * template token ({@code <b}, {@code </}, {@code <!--}, {@code <|im_end|>}), an HTML entity
     * ({@code &#8203;}, {@code &nbsp;}), a markdown link or image ({@code ](}, {@code ![}), a
     * backtick (code spans and fences) and a backslash (markdown escapes). {@code a < b} and
     * {@code ->} stay plain text.
     */
    static final Pattern MARKUP = Pattern.compile("<[^\\s\\d=<-]|&#?[A-Za-z0-9]+;|]\\(|!\\[|`|\\\\");

    static final String LINK_REMOVED = "(link removed)";

    private UnsafeText() {
    }

    /** The form every check runs on (and what is posted): NFKC, so look-alikes become what they look like. */
    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    /**
     * A fact value as the model may see it: one line, with nothing {@link AnswerCheck} would reject
     * (links become {@value #LINK_REMOVED}, {@code @} becomes {@code (at)}) and without any angle
     * bracket, so no value can look like the {@code <facts>} delimiters or a chat template token.
     */
    static String neutralise(String text) {
        String out = HIDDEN.matcher(normalise(text)).replaceAll(" ")
                .replace('<', '‹').replace('>', '›')
                .replace('`', '\'')
                .replace('\\', '/'); // before links: "host.tld\path" must not become a link afterwards
        out = withoutLinks(out) // an e-mail address goes whole, before its @ would become (at)
                .replace("@", "(at)")
                .replace("](", "] (")
                .replace("![", "! [")
                .replaceAll("&(#?[A-Za-z0-9]+;)", "& $1");
        return out.replaceAll("\\s+", " ").strip();
    }

    /** Replaces the whole whitespace-free run around each link, so no tail of it is left behind. */
    private static String withoutLinks(String text) {
        Matcher link = LINK.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (copied < text.length() && link.find(copied)) {
            int start = link.start();
            while (start > copied && !Character.isWhitespace(text.charAt(start - 1))) {
                start--;
            }
            int end = Math.max(link.end(), start + 1);
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            out.append(text, copied, start).append(LINK_REMOVED);
            copied = end;
        }
        return copied >= text.length() ? out.toString() : out.append(text, copied, text.length()).toString();
    }
}
