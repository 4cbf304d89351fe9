package dev.clickupsync.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A set of shared-secret tokens that callers present (the admin token, the read API's tokens),
 * kept only as SHA-256 digests and compared in constant time.
 *
 * <p>{@link #matches} hashes the presented value and compares it with <em>every</em> configured
 * digest by {@link MessageDigest#isEqual} (equal lengths, so neither the position of the first
 * difference, the presented value's length nor which token matched shows in the timing), and always
 * does that work, also for a missing value. Tokens are stripped and blank ones ignored; they never
 * leave this class (no {@code toString} of them, nothing logged).
 */
public final class SecretTokens {
    private final List<byte[]> digests;

    private SecretTokens(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    /** The configured tokens; blank entries are ignored (so an unset list or {@code ""} is empty). */
    public static SecretTokens of(Collection<String> tokens) {
        List<byte[]> digests = new ArrayList<>();
        for (String token : tokens) {
            if (token != null && !token.isBlank()) {
                digests.add(digest(token.strip()));
            }
        }
        return new SecretTokens(digests);
    }

    /** Whether no token is configured (then {@link #matches} is always false: fail closed). */
    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /** Whether {@code presented} (null when absent) is one of the tokens, in constant time. */
    public boolean matches(String presented) {
        byte[] candidate = digest(presented == null ? "" : presented);
        boolean any = false;
        for (byte[] digest : digests) {
            any |= MessageDigest.isEqual(digest, candidate); // no early exit
        }
        return any && presented != null;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JRE must provide SHA-256
        }
    }
}
