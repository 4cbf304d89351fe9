package dev.clickupsync.local.read;

import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import java.util.Map;

/**
 * {@link ReadApiConformanceTest}'s tests with the drain's {@code always} policy (a fetch for every
 * task of a batch): the mirror, and so every answer, must be the same as under {@code smart}.
 */
@QuarkusTest
@TestProfile(ReadApiConformanceAlwaysTest.AlwaysFetch.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReadApiConformanceAlwaysTest extends ReadApiConformanceTest {

    /** The drain fetches every task it applies events for. */
    public static class AlwaysFetch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.drain.policy", "always");
        }
    }
}
