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
    /** Init arg: {@code "2"} adds the second workspace ({@link EmbeddedStack#withSecondWorkspace()}). */
    public static final String WORKSPACES = "workspaces";
    /**
     * Init arg: {@code "false"} starts the application without {@code sync.provision.on-start}, as on AWS, for
     * a test of what start-up does on its own (the queues and tables are then whatever the stack has).
     */
    public static final String PROVISION = "provision";

    private EmbeddedStack stack;
    private boolean twoWorkspaces;
    private boolean provision;

    @Override
    public void init(Map<String, String> initArgs) {
        twoWorkspaces = "2".equals(initArgs.get(WORKSPACES));
        provision = !"false".equals(initArgs.get(PROVISION));
    }

    @Override
    public Map<String, String> start() {
        stack = EmbeddedStack.start(true);
        if (twoWorkspaces) {
            stack.withSecondWorkspace();
        }
        Map<String, String> config = new java.util.LinkedHashMap<>(stack.config());
        config.put("sync.provision.on-start", Boolean.toString(provision));
        return config;
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
