package dev.clickupsync.infra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Priming must take every operation through the SDK's whole request path (marshalling, signing, interceptors) to
 * the HTTP client, or it loads less than it claims; the HTTP client is the in-memory one, so nothing leaves the
 * process (no emulator runs here, and none is needed).
 */
class CallPathPrimingTest {

    @Test
    void everyPrimedOperationReachesTheInMemoryHttpClient() {
        assertThat(CallPathPriming.run()).as("GetItem, Query, PutItem, UpdateItem, SendMessage").isEqualTo(5);
    }
}
