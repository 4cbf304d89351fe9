package dev.clickupsync.testkit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/** Signs bodies the way ClickUp does, independently of the code under test (it is the oracle). */
public final class WebhookSigning {
    private WebhookSigning() {
    }

    /** Lower-case hex HMAC-SHA256 of {@code body} keyed with {@code secret}. */
    public static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(String body, String secret) {
        return sign(body.getBytes(StandardCharsets.UTF_8), secret);
    }
}
