package dev.clickupsync.ingest.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest function on a plain cold start ({@code AWS_LAMBDA_INITIALIZATION_TYPE=on-demand}), as
 * {@code $LATEST} or {@code sam local} run it: init, then straight to the first event, with the
 * role's credentials in {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}.
 */
class IngestOnDemandIT extends IngestFunctionTests {

    @BeforeAll
    static void boot() {
        boot(false);
    }

    @Test
    @Order(6)
    @Override
    void initWentAsOnLambda() {
        assertThat(ingest.runtimeApi().restoreServed()).as(ingest::describe).isFalse();
        assertThat(ingest.runtimeApi().journal()).as(ingest::describe)
                .noneMatch(call -> call.contains("/credentials"));
    }
}
