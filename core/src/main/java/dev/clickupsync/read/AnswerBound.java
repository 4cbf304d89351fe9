package dev.clickupsync.read;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.OptionalLong;

/**
 * {@code sync.read-api.max-answer-bytes} ({@link ReadApiConfig#maxAnswerBytes()}): whether a read
 * answer's body fits into what the read function can send, and how large it is there.
 *
 * <p>Size, as the body stands in the synchronous Lambda response that carries it (Lambda's 6 MB
 * quota counts that response's JSON): the quarkus-amazon-lambda-http handler puts a JSON body into
 * the response's {@code body} string as text (its {@code isText}: a content type naming {@code json}),
 * and the runtime writes that response with Jackson's defaults, which escape {@code "}, {@code \}, the
 * control characters and each half of a surrogate pair (a character outside the BMP, an emoji, is
 * {@code \}{@code uD83D\}{@code uDE80}: twelve bytes, not UTF-8's four). So: UTF-8 bytes, but two for
 * each {@code "}, {@code \}, {@code \b \t \n \f \r}, and six for any other control character and for
 * each surrogate (core's {@code AnswerBoundTest} holds this against Jackson). Measured the same way in the
 * local HTTP server (where the body goes out unescaped), so the local pipeline refuses exactly what
 * the read function would.
 */
@ApplicationScoped
public class AnswerBound {
    /** The most bytes one {@code char} can take in the Lambda response (an escape: {@code \}{@code u00XX}). */
    private static final int MOST_PER_CHAR = 6;

    private final long max;

    @Inject
    public AnswerBound(ReadApiConfig config) {
        this(config.maxAnswerBytes());
    }

    AnswerBound(long max) {
        this.max = max;
    }

    /** The bound, in bytes as {@link #lambdaBytes} counts them. */
    public long max() {
        return max;
    }

    /**
     * The size of {@code body} when it is over the bound; empty when it fits. Bodies too short to reach
     * the bound even at six bytes a character are not walked (a 100-task page of ClickUp's example tasks
     * is about 450 K characters: most answers pass on their length alone).
     */
    public OptionalLong over(String body) {
        if ((long) body.length() * MOST_PER_CHAR <= max) {
            return OptionalLong.empty();
        }
        long bytes = lambdaBytes(body);
        return bytes > max ? OptionalLong.of(bytes) : OptionalLong.empty();
    }

    /** The bytes {@code body} takes as a JSON string's content in the Lambda response (see the class). */
    public static long lambdaBytes(String body) {
        long bytes = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x20) {
                bytes += c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r' ? 2 : MOST_PER_CHAR;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isSurrogate(c)) {
                bytes += MOST_PER_CHAR; // Jackson writes each half of a pair (an emoji: both) as an escape
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
