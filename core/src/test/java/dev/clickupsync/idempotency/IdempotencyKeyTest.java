package dev.clickupsync.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {
    private static final String WEBHOOK = "7fa3ec74-69a8-4530-a251-8a13730bd204";
    private static final byte[] BODY = "{\"event\":\"taskCreated\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void sameHistoryIdsInAnotherOrderGiveTheSameKey() {
        String forward = IdempotencyKey.of(WEBHOOK, List.of("2800768061140000000", "2800768061140000001"), BODY);
        String backward = IdempotencyKey.of(WEBHOOK, List.of("2800768061140000001", "2800768061140000000"), BODY);

        assertThat(forward).isEqualTo(backward).startsWith("hist:");
    }

    @Test
    void historyKeyIgnoresTheBodyBytes() {
        // A retried delivery may be re-serialised; the history ids still name the same change.
        byte[] other = "{\"event\":\"taskCreated\" }".getBytes(StandardCharsets.UTF_8);

        assertThat(IdempotencyKey.of(WEBHOOK, List.of("1"), BODY)).isEqualTo(IdempotencyKey.of(WEBHOOK, List.of("1"), other));
    }

    @Test
    void differentWebhookIdGivesADifferentKey() {
        assertThat(IdempotencyKey.of(WEBHOOK, List.of("1"), BODY))
                .isNotEqualTo(IdempotencyKey.of("another-webhook", List.of("1"), BODY))
                .isNotEqualTo(IdempotencyKey.of(null, List.of("1"), BODY));
    }

    @Test
    void differentHistoryIdsGiveDifferentKeys() {
        String one = IdempotencyKey.of(WEBHOOK, List.of("1"), BODY);

        assertThat(one).isNotEqualTo(IdempotencyKey.of(WEBHOOK, List.of("2"), BODY))
                .isNotEqualTo(IdempotencyKey.of(WEBHOOK, List.of("1", "2"), BODY));
    }

    @Test
    void duplicateHistoryIdsCountOnce() {
        assertThat(IdempotencyKey.of(WEBHOOK, List.of("1", "1", "2"), BODY))
                .isEqualTo(IdempotencyKey.of(WEBHOOK, List.of("2", "1"), BODY));
    }

    @Test
    void noHistoryItemsFallBackToTheBodyHash() throws Exception {
        byte[] deleted = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");
        String expected = "body:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(deleted));

        assertThat(IdempotencyKey.of(WEBHOOK, List.of(), deleted)).isEqualTo(expected);
        assertThat(IdempotencyKey.of(WEBHOOK, null, deleted)).isEqualTo(expected);
        assertThat(IdempotencyKey.of(null, null, deleted)).as("webhook id plays no part").isEqualTo(expected);
    }

    @Test
    void differingBodiesWithoutHistoryGiveDifferentKeys() {
        byte[] a = "{\"event\":\"taskDeleted\",\"task_id\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        byte[] b = "{\"event\":\"taskDeleted\",\"task_id\":\"b\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(IdempotencyKey.of(WEBHOOK, List.of(), a)).isNotEqualTo(IdempotencyKey.of(WEBHOOK, List.of(), b));
        assertThat(IdempotencyKey.of(WEBHOOK, List.of(), a)).isEqualTo(IdempotencyKey.of(WEBHOOK, List.of(), a.clone()));
    }

    @Test
    void aPerDeliveryKeyTellsDeliveriesApartButNotRedeliveries() {
        String body = IdempotencyKey.of(WEBHOOK, List.of(), "{\"event\":\"listUpdated\",\"list_id\":\"9\"}"
                .getBytes(StandardCharsets.UTF_8));
        String first = IdempotencyKey.perDelivery(body, "2026-12-06T05:00:00.000Z");

        assertThat(IdempotencyKey.perDelivery(body, "2026-12-06T05:00:00.000Z")).as("an SQS redelivery").isEqualTo(first);
        assertThat(IdempotencyKey.perDelivery(body, "2026-12-06T05:01:00.000Z")).as("a second rename").isNotEqualTo(first);
        assertThat(first).isNotEqualTo(body).matches("dlv:[0-9a-f]{64}");
        assertThat(IdempotencyKey.perDelivery(body, null)).as("no receive time: the body's key").isEqualTo(body);
        assertThat(IdempotencyKey.perDelivery(body, " ")).isEqualTo(body);
    }

    @Test
    void keysHaveAFixedLength() {
        String longIds = IdempotencyKey.of(WEBHOOK, java.util.stream.IntStream.range(0, 500)
                .mapToObj(i -> "28007680611400" + i).toList(), BODY);
        String bodyKey = IdempotencyKey.of(WEBHOOK, List.of(), new byte[100_000]);

        assertThat(longIds).matches("hist:[0-9a-f]{64}");
        assertThat(bodyKey).matches("body:[0-9a-f]{64}");
    }

    @Test
    void anIdContainingTheSeparatorCannotImitateTwoIds() {
        byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(IdempotencyKey.of("w", java.util.List.of("1,2"), body))
                .isNotEqualTo(IdempotencyKey.of("w", java.util.List.of("1", "2"), body));
    }
}
