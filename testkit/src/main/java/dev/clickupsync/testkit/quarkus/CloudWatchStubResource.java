package dev.clickupsync.testkit.quarkus;

import dev.clickupsync.testkit.aws.CloudWatchStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * A Quarkus test resource that starts a {@link CloudWatchStub} (a stub: no CloudWatch emulator runs
 * here) and turns on the status's CloudWatch readings against it ({@code sync.status.queue-age.*}: the
 * queues' ages, and the fleet's failures and breakers), keeping nothing between documents. Test classes
 * receive the stub in a field of type {@link CloudWatchStub}.
 *
 * <p>The status reads CloudWatch with a plain SDK client and the SDK's default credentials chain (the
 * function's role on Lambda), so for the test's run the resource sets the chain's system properties
 * to dummy keys (the stub checks no signature) and restores them when it stops.
 */
public class CloudWatchStubResource implements QuarkusTestResourceLifecycleManager {
    private static final String[] CREDENTIALS = {"aws.accessKeyId", "aws.secretAccessKey"};

    private CloudWatchStub stub;
    private final Map<String, String> saved = new HashMap<>();

    @Override
    public Map<String, String> start() {
        stub = CloudWatchStub.start();
        for (String property : CREDENTIALS) {
            saved.put(property, System.getProperty(property));
            if (System.getProperty(property) == null) {
                System.setProperty(property, "test");
            }
        }
        // Nothing kept: each status document asks the stub again, so a test reads at once what it set
        // (keeping is QueueAgeTest's and FleetMetricsTest's).
        return Map.of(
                "sync.status.queue-age.enabled", "true",
                "sync.status.queue-age.endpoint", stub.endpoint(),
                "sync.status.queue-age.region", "us-east-1",
                "sync.status.queue-age.cache-for", "0S");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stub, new TestInjector.MatchesType(CloudWatchStub.class));
    }

    @Override
    public void stop() {
        saved.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            }
        });
        if (stub != null) {
            stub.close();
        }
    }
}
