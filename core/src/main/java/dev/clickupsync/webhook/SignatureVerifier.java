package dev.clickupsync.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks ClickUp's {@code X-Signature}: hex HMAC-SHA256 of the raw request bytes.
 *
 * <p>The header is decoded (hex, either case) and compared as bytes with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the first difference is, so the
 * comparison leaks nothing about the expected value. Every configured secret is tried (current and,
 * during rotation, previous), always all of them, so timing does not reveal which one matched.
 */
public final class SignatureVerifier {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 32;

    private final List<SecretKeySpec> keys;

    public SignatureVerifier(List<String> secrets) {
        List<SecretKeySpec> specs = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                specs.add(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            }
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no webhook secret configured (clickup.webhook.secret)");
        }
        this.keys = List.copyOf(specs);
    }

    /** True when {@code signatureHex} is the HMAC of {@code body} under one of the secrets. */
    public boolean verify(byte[] body, String signatureHex) {
        byte[] presented = decode(signatureHex);
        if (presented == null) {
            return false;
        }
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            matched |= MessageDigest.isEqual(hmac(key, body), presented);
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
