package dev.clickupsync.digest;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The drain artifact with the {@code digest} handler selected and three scopes: a busy list, a
 * second list (to show scopes fail independently) and an empty one. The comments go onto the demo
 * workspace's tasks, which exist in the fake ClickUp.
 */
public class DigestProfile implements QuarkusTestProfile {
    public static final String BUSY_LIST = "digest-busy";
    public static final String SECOND_LIST = "digest-second";
    public static final String EMPTY_LIST = "digest-empty";
    public static final String OTHER_LIST = "digest-other";
    public static final String BUSY_TARGET = DemoWorkspace.TASK_LOGIN_BUG;
    public static final String SECOND_TARGET = DemoWorkspace.TASK_RELEASE_NOTES;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.lambda.handler", "digest",
                "sync.digest.scopes", "list:" + BUSY_LIST + "=" + BUSY_TARGET + ",list:" + SECOND_LIST + "=" + SECOND_TARGET
                        + ",list:" + EMPTY_LIST + "=" + DemoWorkspace.TASK_LOGIN_BUG,
                "sync.digest.llm.timeout", "1s",
                "clickup.rate-limit.limit", "100000",
                "sync.metrics.emf", "false");
    }
}
