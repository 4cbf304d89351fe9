package dev.clickupsync.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Lower-case hex SHA-256, the one digest the code names things by: a body's {@code body_sha256},
 * an idempotency key without history ids, the rate budget's key for a token (so the token itself
 * never lands in DynamoDB), a reconcile scope too long to spell out. A package of its own so that
 * none of those features has to depend on another to borrow it.
 */
public final class Sha256 {
    private Sha256() {
    }

    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JRE must provide SHA-256
        }
    }

    /** The digest of the text's UTF-8 bytes. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
