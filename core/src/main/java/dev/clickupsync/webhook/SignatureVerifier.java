package dev.clickupsync.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks ClickUp's {@code X-Signature}: hex HMAC-SHA256 of the raw request bytes.
 *
 * <p>The header is decoded (hex, either case) and compared as bytes with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the first difference is, so the
 * comparison leaks nothing about the expected value. Every secret is tried (the configured current
 * and previous ones, plus those a {@link SecretSource} adds, such as the webhook registry's: a
 * re-created webhook's new secret and, during its grace period, the old one), always all of them, so
 * timing does not reveal which one matched. There are a few, so trying all of them is cheap, and it
 * needs nothing from the body: no parsing happens before the signature is checked.
 */
public final class SignatureVerifier {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 32;

    /**
     * Secrets beyond the configured ones (the webhook registry's), asked on every verification.
     * Implementations answer from memory and must not throw: a source that cannot reach its store
     * answers what it last knew, or nothing, so the configured secrets keep working.
     */
    public interface SecretSource {
        /** No extra secrets. */
        SecretSource NONE = List::of;

        /** The secrets that may sign a delivery right now (few). */
        Collection<String> secrets();

        /**
         * Called when no secret matched: reload from the store if this source may be stale (e.g. a
         * webhook was just re-created with a new secret). True when it reloaded, and the signature is
         * then checked once more. Implementations bound how often this reaches the store.
         */
        default boolean reloadAfterMiss() {
            return false;
        }
    }

    private final List<String> configured;
    private final SecretSource source;

    public SignatureVerifier(List<String> secrets) {
        this(secrets, SecretSource.NONE);
    }

    /** {@code secrets} are the configured ones (at least one); {@code source} adds more per request. */
    public SignatureVerifier(List<String> secrets, SecretSource source) {
        List<String> usable = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                // Trimmed like the API token: a secret pasted into SSM or an env file with a trailing
                // newline would otherwise fail every delivery (401) until ClickUp suspends the webhook.
                // ClickUp's secrets never start or end with white space.
                usable.add(secret.strip());
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no webhook secret configured (clickup.webhook.secret)");
        }
        this.configured = List.copyOf(usable);
        this.source = source;
    }

    /** True when {@code signatureHex} is the HMAC of {@code body} under one of the secrets. */
    public boolean verify(byte[] body, String signatureHex) {
        byte[] presented = decode(signatureHex);
        if (presented == null) {
            return false;
        }
        if (matchesAny(body, presented)) {
            return true;
        }
        return source.reloadAfterMiss() && matchesAny(body, presented);
    }

    /** Tries every secret, always all of them, and only then answers. */
    private boolean matchesAny(byte[] body, byte[] presented) {
        Set<String> secrets = new LinkedHashSet<>(configured);
        for (String extra : source.secrets()) {
            if (extra != null && !extra.isBlank()) {
                secrets.add(extra);
            }
        }
        boolean matched = false;
        for (String secret : secrets) {
            matched |= MessageDigest.isEqual(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM), body),
                    presented);
        }
        return matched;
    }

    /** Lower-case hex HMAC-SHA256 of {@code body} under {@code secret}: what ClickUp sends. */
    public static String sign(byte[] body, String secret) {
        return HexFormat.of().formatHex(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM), body));
    }

    private static byte[] decode(String hex) {
        if (hex == null) {
            return null;
        }
        String trimmed = hex.trim();
        if (trimmed.length() != SIGNATURE_BYTES * 2) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(trimmed);
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
