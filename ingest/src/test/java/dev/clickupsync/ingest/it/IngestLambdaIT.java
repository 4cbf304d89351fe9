package dev.clickupsync.ingest.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest function as the template deploys it: SnapStart on the published version the
 * {@code live} alias points at. The runtime client runs the CRaC {@code beforeCheckpoint} hooks after
 * init, goes through the restore handshake, runs the {@code afterRestore} hooks, and only then polls
 * for events; the AWS SDK finds the role's credentials at the local credentials endpoint, as
 * SnapStart functions get no credential variables.
 */
class IngestLambdaIT extends IngestFunctionTests {

    @BeforeAll
    static void boot() {
        boot(true);
    }

    @Test
    @Order(6)
    @Override
    void initWentAsOnLambda() {
        assertThat(ingest.runtimeApi().restoreServed()).as(ingest::describe).isTrue();
        assertThat(ingest.runtimeApi().journal()).as(ingest::describe)
                .anyMatch(call -> call.startsWith("GET /2021-04-23/credentials 200"));
    }
}
