package dev.clickupsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickupsync.testkit.WebhookSigning;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureVerifierTest {
    private static final String SECRET = "current-secret-0123456789";
    private static final String PREVIOUS = "previous-secret-9876543210";
    private static final byte[] BODY =
            "{\"event\":\"taskCreated\",\"task_id\":\"1vj37mc\",\"webhook_id\":\"wh-1\"}".getBytes(StandardCharsets.UTF_8);

    private final SignatureVerifier verifier = new SignatureVerifier(List.of(SECRET));

    @Test
    void acceptsSignatureOfTheExactBodyUnderTheSecret() {
        assertThat(verifier.verify(BODY, WebhookSigning.sign(BODY, SECRET))).isTrue();
    }

    @Test
    void acceptsUpperCaseHex() {
        String upper = WebhookSigning.sign(BODY, SECRET).toUpperCase();
        assertThat(upper).isNotEqualTo(WebhookSigning.sign(BODY, SECRET));

        assertThat(verifier.verify(BODY, upper)).isTrue();
    }

    @Test
    void aConfiguredSecretWithATrailingNewlineOrSpacesStillVerifiesClickUpsSignature() {
        SignatureVerifier fromAnEnvFile = new SignatureVerifier(List.of(SECRET + "\n"), () -> List.of());
        SignatureVerifier previousPadded = new SignatureVerifier(List.of("other", "  " + PREVIOUS + " \r\n"));

        assertThat(fromAnEnvFile.verify(BODY, WebhookSigning.sign(BODY, SECRET))).isTrue();
        assertThat(previousPadded.verify(BODY, WebhookSigning.sign(BODY, PREVIOUS))).isTrue();
    }

    @Test
    void withSeveralWorkspacesEveryOwnerWhoseSecretSignedIsNamedAndOnlyThose() {
        SignatureVerifier workspaces = new SignatureVerifier(List.of(SECRET, PREVIOUS), () -> List.of("registry-secret"),
                "default", java.util.Map.of("acme", List.of("acme-secret", "acme-previous\n"), "beta", List.of("beta-secret")));

        assertThat(workspaces.signers(BODY, WebhookSigning.sign(BODY, "acme-secret"))).containsExactly("acme");
        assertThat(workspaces.signers(BODY, WebhookSigning.sign(BODY, "acme-previous"))).containsExactly("acme");
        assertThat(workspaces.signers(BODY, WebhookSigning.sign(BODY, "beta-secret"))).containsExactly("beta");
        assertThat(workspaces.signers(BODY, WebhookSigning.sign(BODY, PREVIOUS))).containsExactly("default");
        assertThat(workspaces.signers(BODY, WebhookSigning.sign(BODY, "registry-secret"))).containsExactly("default");
        assertThat(workspaces.signers(BODY, WebhookSigning.sign(BODY, "nobody's"))).isEmpty();
        assertThat(workspaces.signers(BODY, "not hex")).isEmpty();
        assertThat(workspaces.verify(BODY, WebhookSigning.sign(BODY, "beta-secret"))).isTrue();
    }

    @Test
    void rejectsSignatureUnderWrongSecret() {
        assertThat(verifier.verify(BODY, WebhookSigning.sign(BODY, "some-other-secret"))).isFalse();
    }

    @Test
    void rejectsSignatureOfTamperedBody() {
        String signature = WebhookSigning.sign(BODY, SECRET);
        byte[] tampered = Arrays.copyOf(BODY, BODY.length);
        tampered[tampered.length - 3] ^= 0x01;

        assertThat(verifier.verify(tampered, signature)).isFalse();
        byte[] withTrailingSpace = Arrays.copyOf(BODY, BODY.length + 1);
        withTrailingSpace[BODY.length] = ' ';
        assertThat(verifier.verify(withTrailingSpace, signature)).isFalse();
    }

    @Test
    void rejectsSignatureWithOneFlippedHexDigit() {
        char[] sig = WebhookSigning.sign(BODY, SECRET).toCharArray();
        sig[sig.length - 1] = sig[sig.length - 1] == '0' ? '1' : '0';

        assertThat(verifier.verify(BODY, new String(sig))).isFalse();
    }

    @Test
    void rejectsSignaturesOfWrongLength() {
        String good = WebhookSigning.sign(BODY, SECRET);

        assertThat(verifier.verify(BODY, good.substring(0, 62))).isFalse();
        assertThat(verifier.verify(BODY, good + "00")).isFalse();
        assertThat(verifier.verify(BODY, good.substring(0, 63))).isFalse();
        assertThat(verifier.verify(BODY, good + good)).isFalse();
    }

    @Test
    void rejectsNonHexOfTheRightLength() {
        String good = WebhookSigning.sign(BODY, SECRET);
        String nonHex = "zz" + good.substring(2);

        assertThat(nonHex).hasSize(64);
        assertThat(verifier.verify(BODY, nonHex)).isFalse();
        assertThat(verifier.verify(BODY, "sha256=" + good.substring(7))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   \t"})
    void rejectsMissingOrBlankSignature(String signature) {
        assertThat(verifier.verify(BODY, signature)).isFalse();
    }

    @Test
    void rejectsSignatureOfEmptyBodyForANonEmptyOne() {
        assertThat(verifier.verify(BODY, WebhookSigning.sign(new byte[0], SECRET))).isFalse();
        assertThat(verifier.verify(new byte[0], WebhookSigning.sign(new byte[0], SECRET))).isTrue();
    }

    @Test
    void acceptsPreviousSecretDuringRotation() {
        SignatureVerifier rotating = new SignatureVerifier(List.of(SECRET, PREVIOUS));

        assertThat(rotating.verify(BODY, WebhookSigning.sign(BODY, SECRET))).isTrue();
        assertThat(rotating.verify(BODY, WebhookSigning.sign(BODY, PREVIOUS))).isTrue();
        assertThat(rotating.verify(BODY, WebhookSigning.sign(BODY, "third-secret"))).isFalse();
        assertThat(verifier.verify(BODY, WebhookSigning.sign(BODY, PREVIOUS))).isFalse();
    }

    @Test
    void ignoresBlankAndNullSecrets() {
        SignatureVerifier withBlanks = new SignatureVerifier(Arrays.asList("", null, "  ", SECRET));

        assertThat(withBlanks.verify(BODY, WebhookSigning.sign(BODY, SECRET))).isTrue();
        // The blank entries must not have become keys: signatures under them must not pass.
        assertThat(withBlanks.verify(BODY, hmacUnderEmptyKey())).isFalse();
        assertThat(withBlanks.verify(BODY, WebhookSigning.sign(BODY, " "))).isFalse();
    }

    @Test
    void refusesToStartWithoutAnySecret() {
        assertThatThrownBy(() -> new SignatureVerifier(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clickup.webhook.secret");
        assertThatThrownBy(() -> new SignatureVerifier(Arrays.asList("", " ", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signProducesLowerCaseHexMatchingAnIndependentHmac() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(BODY));

        String signed = SignatureVerifier.sign(BODY, SECRET);

        assertThat(signed).isEqualTo(expected).matches("[0-9a-f]{64}");
        assertThat(signed).isEqualTo(WebhookSigning.sign(BODY, SECRET));
        assertThat(verifier.verify(BODY, signed)).isTrue();
    }

    @Test
    void signUsesUtf8ForNonAsciiSecrets() throws Exception {
        String secret = "sécret-ß-✓";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

        assertThat(SignatureVerifier.sign(BODY, secret)).isEqualTo(HexFormat.of().formatHex(mac.doFinal(BODY)));
        assertThat(new SignatureVerifier(List.of(secret)).verify(BODY, WebhookSigning.sign(BODY, secret))).isTrue();
    }

    /** HMAC under an empty key (after HMAC's zero padding, a one-byte zero key is the same key). */
    private static String hmacUnderEmptyKey() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[] {0}, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(BODY));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
