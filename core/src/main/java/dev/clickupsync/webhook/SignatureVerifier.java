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
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>Several workspaces (issue #17): the secrets above belong to the {@code default} workspace, and each
 * further workspace adds its own. {@link #signers} tries every secret of every workspace, always all of
 * them, and answers which workspaces' secrets matched; the caller then holds that against the webhook the
 * (now authenticated) body names. Trying all instead of picking by the body's {@code webhook_id} first
 * keeps the rule above, nothing parsed before authentication, and makes the work the same whichever
 * webhook a forger names. A {@link SecretSource}'s secrets count for the workspace each belongs to
 * ({@link SecretSource#secretsByOwner}: a registry secret of acme signs for acme only), and
 * {@link #webhookOwner} tells the caller which workspace a registry webhook belongs to.
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

        /**
         * The secrets by the owner (workspace) they sign for; an owner the verifier does not know is
         * ignored. Unless overridden, all of {@link #secrets()} are {@code defaultOwner}'s.
         */
        default Map<String, List<String>> secretsByOwner(String defaultOwner) {
            return Map.of(defaultOwner, List.copyOf(secrets()));
        }

        /** The owner of a webhook this source knows (the registry's), else empty. From memory, never throws. */
        default Optional<String> ownerOf(String webhookId) {
            return Optional.empty();
        }
    }

    private final List<String> configured;
    private final SecretSource source;
    private final String defaultOwner;
    private final Map<String, List<String>> others;

    public SignatureVerifier(List<String> secrets) {
        this(secrets, SecretSource.NONE);
    }

    /** {@code secrets} are the configured ones (at least one); {@code source} adds more per request. */
    public SignatureVerifier(List<String> secrets, SecretSource source) {
        this(secrets, source, "default", Map.of());
    }

    /**
     * @param defaultOwner the name {@link #signers} answers for {@code secrets} and the source's
     * @param others       further owners (workspaces) and their secrets, in the order {@link #signers} answers them
     */
    public SignatureVerifier(List<String> secrets, SecretSource source, String defaultOwner, Map<String, List<String>> others) {
        this.defaultOwner = defaultOwner;
        Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
        others.forEach((owner, list) -> copy.put(owner, list.stream().filter(x -> x != null && !x.isBlank())
                .map(String::strip).toList()));
        this.others = java.util.Collections.unmodifiableMap(copy);
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
        return !signers(body, signatureHex).isEmpty();
    }

    /**
     * The owners (workspaces) whose secrets make {@code signatureHex} the HMAC of {@code body}; empty
     * when none does. Every secret of every owner is tried before answering.
     */
    public Set<String> signers(byte[] body, String signatureHex) {
        byte[] presented = decode(signatureHex);
        if (presented == null) {
            return Set.of();
        }
        Set<String> found = matching(body, presented);
        if (found.isEmpty() && source.reloadAfterMiss()) {
            found = matching(body, presented);
        }
        return found;
    }

    private Set<String> matching(byte[] body, byte[] presented) {
        Map<String, List<String>> extra = source.secretsByOwner(defaultOwner);
        Set<String> owners = new LinkedHashSet<>();
        if (anyMatches(withExtra(configured, extra.get(defaultOwner)), body, presented)) {
            owners.add(defaultOwner);
        }
        for (Map.Entry<String, List<String>> owner : others.entrySet()) {
            if (anyMatches(withExtra(owner.getValue(), extra.get(owner.getKey())), body, presented)) {
                owners.add(owner.getKey());
            }
        }
        return owners;
    }

    /**
     * The workspace a registry webhook belongs to (the {@link SecretSource}'s knowledge), or empty when
     * the source does not know it: the caller holds a body naming it to that workspace's signature.
     */
    public Optional<String> webhookOwner(String webhookId) {
        return webhookId == null ? Optional.empty() : source.ownerOf(webhookId);
    }

    /** Asks the source to reload (bounded by the source); true when it did. */
    public boolean reloadSource() {
        return source.reloadAfterMiss();
    }

    private static Set<String> withExtra(List<String> configured, List<String> extra) {
        Set<String> secrets = new LinkedHashSet<>(configured);
        if (extra != null) {
            for (String secret : extra) {
                if (secret != null && !secret.isBlank()) {
                    secrets.add(secret);
                }
            }
        }
        return secrets;
    }

    /** Tries every one of {@code secrets}, always all of them, and only then answers. */
    private static boolean anyMatches(Collection<String> secrets, byte[] body, byte[] presented) {
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
