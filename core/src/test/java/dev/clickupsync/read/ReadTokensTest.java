package dev.clickupsync.read;

import dev.clickupsync.infra.secrets.ParameterStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ssm.model.SsmException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static dev.clickupsync.read.ReadAccess.Decision.ALLOWED;
import static dev.clickupsync.read.ReadAccess.Decision.TOKENS_UNAVAILABLE;
import static dev.clickupsync.read.ReadAccess.Decision.UNAUTHORIZED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read tokens from an SSM SecureString: read once, cached, fail closed and retried.
 *
 * <p><b>A stand-in for SSM.</b> No SSM-compatible server runs here (no Docker, no AWS account);
 * {@link Ssm} implements the project's own {@link ParameterStore} seam with a map and a switch that
 * makes it fail as SSM does (an {@code AccessDeniedException}). The SDK path behind that seam
 * ({@code SsmParameterStore} against a wire-level fake of {@code GetParameter}) is covered by
 * {@code SsmSecretsConfigSourceFactoryTest}; these tests are about what the read API does with the
 * answer.
 */
class ReadTokensTest {
    private static final String PARAMETER = "/clickup-sync/test/read-api-tokens";

    private final Ssm ssm = new Ssm();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void tokensFromTheParameterAreSplitOnCommasReadOnceAndCached() {
        ssm.values.put(PARAMETER, " dashboard-token, assistant-token ,,");
        ReadAccess access = new ReadAccess(true, ReadTokens.fromParameter(PARAMETER, () -> ssm, clock), "/api/v2");

        assertThat(access.check("dashboard-token")).isEqualTo(ALLOWED);
        assertThat(access.check("Bearer assistant-token")).isEqualTo(ALLOWED);
        assertThat(access.check("other")).isEqualTo(UNAUTHORIZED);
        assertThat(access.check(null)).isEqualTo(UNAUTHORIZED);
        assertThat(access.check("")).as("a blank between commas is no token").isEqualTo(UNAUTHORIZED);
        assertThat(ssm.reads).as("one GetParameter, then the cached tokens").containsExactly(PARAMETER);
    }

    @Test
    void anUnreadableParameterFailsClosedAndIsRetriedOnlyAfterThePause() {
        ssm.denied = true;
        ReadAccess access = new ReadAccess(true, ReadTokens.fromParameter(PARAMETER, () -> ssm, clock), "/api/v2");

        assertThat(access.check("dashboard-token")).isEqualTo(TOKENS_UNAVAILABLE);
        assertThat(access.check(null)).isEqualTo(TOKENS_UNAVAILABLE);
        assertThat(ssm.reads).as("no second SSM call within the pause").hasSize(1);

        ssm.denied = false;
        ssm.values.put(PARAMETER, "dashboard-token");
        now.set(now.get().plus(ReadTokens.RETRY_AFTER).minusSeconds(1));
        assertThat(access.check("dashboard-token")).isEqualTo(TOKENS_UNAVAILABLE);
        now.set(now.get().plusSeconds(1));
        assertThat(access.check("dashboard-token")).as("the fixed role takes effect without a redeploy").isEqualTo(ALLOWED);
        assertThat(ssm.reads).hasSize(2);
    }

    @Test
    void aMissingParameterFailsClosedToo() {
        ReadAccess access = new ReadAccess(true, ReadTokens.fromParameter(PARAMETER, () -> ssm, clock), "/api/v2");

        assertThat(access.check("dashboard-token")).isEqualTo(TOKENS_UNAVAILABLE);
    }

    @Test
    void aParameterHoldingNoTokenFailsClosedUntilItIsFixed() {
        ssm.values.put(PARAMETER, " , ,");
        ReadAccess access = new ReadAccess(true, ReadTokens.fromParameter(PARAMETER, () -> ssm, clock), "/api/v2");

        assertThat(access.check("")).isEqualTo(TOKENS_UNAVAILABLE);
        assertThat(access.check("dashboard-token")).isEqualTo(TOKENS_UNAVAILABLE);

        ssm.values.put(PARAMETER, "dashboard-token");
        now.set(now.get().plus(ReadTokens.RETRY_AFTER));
        assertThat(access.check("dashboard-token")).as("not kept as an empty set for the instance's life").isEqualTo(ALLOWED);
    }

    @Test
    void theSourceNamesTheParameterButNeverAValue() {
        ssm.values.put(PARAMETER, "dashboard-token");
        ReadTokens tokens = ReadTokens.fromParameter(PARAMETER, () -> ssm, clock);
        tokens.current();

        assertThat(tokens.source()).contains(PARAMETER, "sync.read-api.tokens-parameter").doesNotContain("dashboard-token");
        assertThat(tokens.configured()).isTrue();
        assertThat(ReadTokens.of(List.of()).configured()).isFalse();
        assertThat(ReadTokens.of(List.of("t")).source()).isEqualTo("sync.read-api.tokens");
    }

    @Test
    void anIamCallerIsAdmittedWhileTheParameterCannotBeRead() {
        ssm.denied = true;
        ReadAccess access = new ReadAccess(true, ReadTokens.fromParameter(PARAMETER, () -> ssm, clock), "/api/v2", true);

        assertThat(access.check(null, Optional.of("arn:aws:iam::123456789012:user/reporting"))).isEqualTo(ALLOWED);
        assertThat(access.check("dashboard-token", Optional.empty())).isEqualTo(TOKENS_UNAVAILABLE);
    }

    /** {@link ParameterStore} over a map; {@code denied} answers as SSM does without permission. */
    private static final class Ssm implements ParameterStore {
        final Map<String, String> values = new java.util.HashMap<>();
        final List<String> reads = new ArrayList<>();
        volatile boolean denied;

        @Override
        public Optional<String> secureString(String name) {
            reads.add(name);
            if (denied) {
                throw (SsmException) SsmException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                                .errorMessage("not authorized to perform ssm:GetParameter").build())
                        .build();
            }
            return Optional.ofNullable(values.get(name));
        }
    }
}
