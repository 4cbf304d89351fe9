package dev.clickupsync.testkit.quarkus;

import dev.clickupsync.testkit.aws.EmbeddedAws;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A Quarkus test resource that starts an {@link EmbeddedStack} and points the application under
 * test at it. Test classes receive the stack's parts in fields of type {@link EmbeddedStack},
 * {@link EmbeddedAws} or {@link FakeClickUp} (no annotation needed), so they can inspect queues
 * and tables, stop "SQS", or change the fake workspace.
 */
public class EmbeddedStackResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedStack stack;

    @Override
    public Map<String, String> start() {
        stack = EmbeddedStack.start(true);
        return stack.config();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stack, new TestInjector.MatchesType(EmbeddedStack.class));
        injector.injectIntoFields(stack.aws(), new TestInjector.MatchesType(EmbeddedAws.class));
        injector.injectIntoFields(stack.clickUp(), new TestInjector.MatchesType(FakeClickUp.class));
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
    }
}
