package dev.clickupsync.clickup;

import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.clickup.ClickUpFailure.Decision;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scenario per row of {@link ClickUpFailures}' table. The exceptions are the real types, constructed
 * here: ClickUp's answers through {@link ClickUpErrorMapper#map} (the mapping every real answer goes
 * through, tested against HTTP in {@code ClickUpErrorMapperTest} and the worker's client tests), the
 * breaker's and timeout's as SmallRye throws them, AWS's as the SDK builds them. A real call per row
 * would cost a Quarkus boot and a tripped breaker each and test the classification no better.
 */
class ClickUpFailuresTest {

    @Test
    void outOfTimeIsRetriedAtOnceWithoutSpendingAReceive() {
        assertFailure(new ClickUpOutOfTimeException("GET /task/{id}"), Decision.RETRY_NOW, "out_of_time");
        assertThat(ClickUpFailures.classify(new ClickUpOutOfTimeException("x")).retryAfter()).contains(Duration.ZERO);
    }

    @Test
    void aSpentBudgetIsDeferredForItsRetryAfter() {
        ClickUpFailure failure = assertFailure(new BudgetExhaustedException(Duration.ofSeconds(42)), Decision.DEFER, "budget");

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(42));
    }

    @Test
    void aWorkspaceWithoutItsTokenHereIsParkedAsNotConfiguredNamingTheKeyOnly() {
        ClickUpTokenUnset unset = new ClickUpTokenUnset("beta");

        assertFailure(new RuntimeException("wrapped", unset), Decision.PARK, "not_configured");
        assertThat(unset.getMessage()).contains("sync.workspaces.beta.token-parameter");
    }

    @Test
    void theKillSwitchIsDeferredForTheCallersConfiguredDelay() {
        ClickUpFailure failure = assertFailure(new ClickUpDisabledException(), Decision.DEFER, "clickup_disabled");

        assertThat(failure.retryAfter()).isEmpty();
        assertThat(failure.delayOr(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anOpenBreakerIsDeferredBecauseNothingWasSent() {
        ClickUpFailure failure = assertFailure(new CircuitBreakerOpenException("clickup"), Decision.DEFER, "clickup_circuit_open");

        assertThat(failure.retryAfter()).isEmpty();
        assertThat(failure.deferrable()).isTrue();
    }

    @Test
    void a429IsDeferredUntilItsReset() {
        long reset = System.currentTimeMillis() + 30_000;
        ClickUpFailure failure = assertFailure(ClickUpErrorMapper.map(429, "APP_002", "Rate limit", OptionalLong.of(reset)),
                Decision.DEFER, "clickup_rate_limited");

        assertThat(failure.retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(28), Duration.ofSeconds(30));
    }

    @Test
    void a429WithoutAResetWaitsOneWindowAndOneInThePastWaitsNothing() {
        assertThat(ClickUpFailures.classify(ClickUpErrorMapper.map(429, null, null)).retryAfter())
                .contains(Duration.ofSeconds(60));
        assertThat(ClickUpFailures.classify(ClickUpErrorMapper.map(429, null, null,
                OptionalLong.of(System.currentTimeMillis() - 5_000))).retryAfter()).contains(Duration.ZERO);
    }

    @Test
    void aServerErrorFailsForSqsToRedeliver() {
        assertFailure(ClickUpErrorMapper.map(502, null, "Bad gateway"), Decision.FAIL, "clickup_server_error");
    }

    @Test
    void theGuardsTimeoutFailsAsATimeout() {
        assertFailure(new TimeoutException("timed out"), Decision.FAIL, "clickup_timeout");
    }

    @Test
    void aReadTimeoutInsideTheRestClientFailsAsATimeout() {
        assertFailure(new ProcessingException(new SocketTimeoutException("Read timed out")), Decision.FAIL, "clickup_timeout");
    }

    @Test
    void noConnectionFailsAsUnreachable() {
        assertFailure(new ProcessingException(new ConnectException("Connection refused")), Decision.FAIL, "clickup_unreachable");
    }

    @Test
    void aRevokedTokenFailsSoTheEventsWaitForAHuman() {
        assertFailure(ClickUpErrorMapper.map(401, "OAUTH_025", "Oauth token not found"), Decision.FAIL, "clickup_authentication");
    }

    @Test
    void anUnclassifiedClickUpAnswerFailsAsAClickUpError() {
        assertFailure(ClickUpErrorMapper.map(409, "X_1", "conflict"), Decision.FAIL, "clickup_error");
    }

    @Test
    void aWorkspaceTheTokenMayNotSeeIsParked() {
        assertFailure(ClickUpErrorMapper.map(401, "OAUTH_027", "Team not authorized"), Decision.PARK,
                "clickup_workspace_not_authorized");
    }

    @Test
    void aMissingResourceIsParked() {
        assertFailure(ClickUpErrorMapper.map(404, "ITEM_013", "Task not found"), Decision.PARK, "clickup_not_found");
    }

    @Test
    void aRefusedRequestIsParked() {
        assertFailure(ClickUpErrorMapper.map(400, "FIELD_033", "Value is not valid"), Decision.PARK, "clickup_validation");
        assertFailure(ClickUpErrorMapper.map(422, null, null), Decision.PARK, "clickup_validation");
    }

    @Test
    void aWriteWithAnUnknownOutcomeIsParkedNotItsCause() {
        ClickUpException sent = new ClickUpException.OutcomeUnknown("POST /list/{id}/task", ClickUpErrorMapper.map(503, null, null));

        assertFailure(sent, Decision.PARK, "clickup_outcome_unknown");
    }

    @Test
    void anInvalidIdIsParked() {
        RuntimeException invalid = org.assertj.core.api.Assertions.catchRuntimeException(() -> ClickUpIds.require("task", "../etc"));

        assertFailure(invalid, Decision.PARK, "invalid_id");
    }

    @Test
    void awsClientAndServiceFailuresFailAsAwsUnavailable() {
        assertFailure(SdkClientException.create("Unable to execute HTTP request"), Decision.FAIL, "aws_unavailable");
        assertFailure(ProvisionedThroughputExceededException.builder().message("slow down").statusCode(400).build(),
                Decision.FAIL, "aws_unavailable");
    }

    @Test
    void anythingElseIsInternal() {
        assertFailure(new NullPointerException(), Decision.FAIL, "internal");
        assertFailure(new IllegalStateException("bug", new java.io.IOException("disk")), Decision.FAIL, "internal");
    }

    @Test
    void wrappersAreLookedThrough() {
        assertFailure(new CompletionException(new BudgetExhaustedException(Duration.ofSeconds(3))), Decision.DEFER, "budget");
        assertFailure(new IllegalStateException(new CompletionException(ClickUpErrorMapper.map(500, null, null))),
                Decision.FAIL, "clickup_server_error");
    }

    @Test
    void aClickUpAnswerWrappedInAProcessingExceptionKeepsItsReason() {
        assertFailure(new ProcessingException(ClickUpErrorMapper.map(404, null, null)), Decision.PARK, "clickup_not_found");
    }

    @Test
    void aCauseCycleEndsAsInternal() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertFailure(a, Decision.FAIL, "internal");
    }

    @Test
    void aClickUpAnswersOwnReasonIsTheTablesName() {
        assertThat(ClickUpErrorMapper.map(503, null, null).reason()).isEqualTo(ClickUpFailures.SERVER_ERROR);
    }

    private static ClickUpFailure assertFailure(Throwable e, Decision decision, String reason) {
        ClickUpFailure failure = ClickUpFailures.classify(e);
        assertThat(failure.decision()).as("decision for %s", e).isEqualTo(decision);
        assertThat(failure.reason()).as("reason for %s", e).isEqualTo(reason);
        return failure;
    }
}
