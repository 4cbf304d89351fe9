package dev.clickupsync.local.read;

import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link TimeInStatusConformanceTest}'s tests with the drain's {@code always} policy: transitions are
 * recorded from the webhooks' history items whatever the policy, so the answers must not change.
 */
@QuarkusTest
@TestProfile(ReadApiConformanceAlwaysTest.AlwaysFetch.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class TimeInStatusConformanceAlwaysTest extends TimeInStatusConformanceTest {
}
