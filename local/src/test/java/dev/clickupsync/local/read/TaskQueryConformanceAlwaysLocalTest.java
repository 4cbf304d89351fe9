package dev.clickupsync.local.read;

import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link TaskQueryConformanceLocalTest}'s seeded queries with the drain's {@code always} policy:
 * the pages must equal ClickUp's as under {@code smart}.
 */
@QuarkusTest
@TestProfile(ReadApiConformanceAlwaysTest.AlwaysFetch.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class TaskQueryConformanceAlwaysLocalTest extends TaskQueryConformanceLocalTest {
}
