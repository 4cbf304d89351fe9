package dev.clickupsync.local;

import dev.clickupsync.testkit.aws.EmulatorUnavailableException;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStack;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The whole pipeline in one process: dynalite and ElasticMQ (always, in memory: a restart starts empty), the fake ClickUp with
 * the demo workspace (unless {@code CLICKUP_API_URL} names a real ClickUp; with {@code LOCAL_WORKSPACES=2} a
 * second one on its own fake and token), then the Quarkus
 * application with the ingest endpoint, the mirror read API and the local drain poller.
 *
 * <p>The emulators start before Quarkus so that their ports can be handed to it as configuration
 * (system properties), exactly as the Lambda functions get theirs from the environment.
 */
@QuarkusMain
public class LocalMain {
    private static volatile EmbeddedStack stack;

    public static void main(String... args) {
        boolean realClickUp = present("CLICKUP_API_URL") || System.getProperty("clickup.api.url") != null;
        try {
            stack = EmbeddedStack.start(!realClickUp, explicitWebhookSecret().orElse(DemoWorkspace.WEBHOOK_SECRET));
            if (!realClickUp && twoWorkspaces()) {
                stack.withSecondWorkspace(); // "acme", on its own fake ClickUp and token
            }
        } catch (EmulatorUnavailableException e) {
            System.err.println("clickup-sync local: " + e.getMessage()); // what to install, not a stack trace
            System.exit(2);
            return;
        }
        stack.applyAsSystemPropertyDefaults(); // what the user set explicitly wins
        try {
            Quarkus.run(args);
        } finally {
            stack.close();
        }
    }

    /** The running stack, or null when the application was started some other way (tests). */
    public static EmbeddedStack stack() {
        return stack;
    }

    /** The user's own webhook secret, if set: the fake then signs with it too. */
    private static java.util.Optional<String> explicitWebhookSecret() {
        String value = System.getProperty("clickup.webhook.secret", System.getenv("CLICKUP_WEBHOOK_SECRET"));
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.strip());
    }

    /**
     * {@code LOCAL_WORKSPACES=2} (or {@code -Dlocal.workspaces=2}): a second fake workspace beside the demo
     * one, configured as {@code sync.workspaces.acme.*} (README, "Two workspaces").
     */
    static boolean twoWorkspaces() {
        return "2".equals(System.getProperty("local.workspaces", System.getenv("LOCAL_WORKSPACES")));
    }

    private static boolean present(String env) {
        String value = System.getenv(env);
        return value != null && !value.isBlank();
    }
}
