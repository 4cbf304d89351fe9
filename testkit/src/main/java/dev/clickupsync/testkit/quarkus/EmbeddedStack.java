package dev.clickupsync.testkit.quarkus;

import dev.clickupsync.testkit.aws.AwsEmulator;
import dev.clickupsync.testkit.aws.EmbeddedAws;
import dev.clickupsync.testkit.localstack.LocalStackAws;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeWebhook;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import dev.clickupsync.testkit.clickup.SecondDemoWorkspace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything clickup-sync talks to: dynalite (a child process) and ElasticMQ in-process (or, with
 * {@code -Dclickupsync.aws=localstack}, LocalStack in a container) and the fake ClickUp with the
 * demo workspace. {@link #config()} is the configuration that points an application at it (the same
 * keys the Lambda functions read from their environment).
 */
public final class EmbeddedStack implements AutoCloseable {
    public static final String QUEUE_NAME = "clickup-sync-local-events";
    public static final String COMMANDS_QUEUE_NAME = "clickup-sync-local-commands";
    /** System property choosing the AWS emulator: {@code embedded} (default) or {@code localstack}. */
    public static final String AWS_PROPERTY = "clickupsync.aws";

    private final AwsEmulator emulator;
    private final FakeClickUp clickUp;
    private final String webhookSecret;
    /** The second workspace's fake ClickUp ({@link SecondDemoWorkspace}), or null with one workspace. */
    private volatile FakeClickUp second;

    private EmbeddedStack(AwsEmulator emulator, FakeClickUp clickUp, String webhookSecret) {
        this.emulator = emulator;
        this.clickUp = clickUp;
        this.webhookSecret = webhookSecret;
    }

    /**
     * Adds a second workspace ({@link SecondDemoWorkspace}) on a fake ClickUp of its own with its own
     * token; {@link #config()} then configures it as {@code sync.workspaces.acme.*}. Returns this.
     */
    public EmbeddedStack withSecondWorkspace() {
        if (second == null) {
            second = SecondDemoWorkspace.start();
        }
        return this;
    }

    /** The second workspace's fake ClickUp, or null when {@link #withSecondWorkspace()} was not asked. */
    public FakeClickUp secondClickUp() {
        return second;
    }

    /** Starts the emulators and, when {@code withFakeClickUp}, the fake ClickUp with the demo webhook secret. */
    public static EmbeddedStack start(boolean withFakeClickUp) {
        return start(withFakeClickUp, DemoWorkspace.WEBHOOK_SECRET);
    }

    /**
     * Starts the emulators and, when {@code withFakeClickUp}, the fake ClickUp, whose demo webhook
     * signs its deliveries with {@code webhookSecret} (a user's own secret in the local run, so the
     * fake's deliveries and the user's own signed requests both verify).
     */
    public static EmbeddedStack start(boolean withFakeClickUp, String webhookSecret) {
        AwsEmulator emulator = onLocalStack() ? LocalStackAws.start() : EmbeddedAws.start();
        FakeClickUp clickUp = null;
        if (withFakeClickUp) {
            FakeWorkspace demo = FakeWorkspace.demo();
            if (!DemoWorkspace.WEBHOOK_SECRET.equals(webhookSecret)) {
                demo.clearWebhooks().addWebhook(FakeWebhook.allEvents(DemoWorkspace.WEBHOOK_ID, webhookSecret));
            }
            clickUp = FakeClickUp.start(demo);
        }
        return new EmbeddedStack(emulator, clickUp, webhookSecret);
    }

    /** True when the suite was asked to run on LocalStack. */
    public static boolean onLocalStack() {
        return "localstack".equalsIgnoreCase(System.getProperty(AWS_PROPERTY, "embedded"));
    }

    /** The emulator, whichever it is. */
    public AwsEmulator emulator() {
        return emulator;
    }

    /** The embedded emulators (to stop "SQS" and the like), or null when running on LocalStack. */
    public EmbeddedAws aws() {
        return emulator instanceof EmbeddedAws embedded ? embedded : null;
    }

    /** The fake ClickUp, or null when the stack runs against a real one. */
    public FakeClickUp clickUp() {
        return clickUp;
    }

    public String queueUrl() {
        return emulator.queueUrl(QUEUE_NAME);
    }

    /** The commands queue (write-back into ClickUp); provisioned like the events queue. */
    public String commandsQueueUrl() {
        return emulator.queueUrl(COMMANDS_QUEUE_NAME);
    }

    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>(emulator.quarkusConfig());
        config.put("sync.queue.url", queueUrl());
        config.put("sync.commands.queue.url", commandsQueueUrl());
        config.put("sync.provision.on-start", "true");
        if (clickUp != null) {
            config.put("clickup.api.url", clickUp.baseUrl());
            config.put("clickup.api.token", clickUp.token());
            config.put("clickup.webhook.secret", webhookSecret);
        }
        if (second != null) {
            String prefix = "sync.workspaces." + SecondDemoWorkspace.NAME + ".";
            config.put(prefix + "team-id", SecondDemoWorkspace.TEAM_ID);
            config.put(prefix + "token", second.token());
            config.put(prefix + "api-url", second.baseUrl());
            config.put(prefix + "webhook-id", SecondDemoWorkspace.WEBHOOK_ID);
            config.put(prefix + "webhook-secret", SecondDemoWorkspace.WEBHOOK_SECRET);
        }
        return config;
    }

    /**
     * Hands {@link #config()} to an application started in this JVM as system properties, except
     * the keys the user set explicitly (as a system property or an environment variable, in any of
     * MicroProfile Config's spellings): system properties outrank the environment, so setting them
     * blindly would silently replace e.g. a user's {@code CLICKUP_WEBHOOK_SECRET}.
     */
    public void applyAsSystemPropertyDefaults() {
        defaultsNotSetExplicitly(config(), System.getenv(), System.getProperties()).forEach(System::setProperty);
    }

    /** The entries of {@code config} that neither {@code systemProperties} nor {@code env} set. */
    static Map<String, String> defaultsNotSetExplicitly(Map<String, String> config, Map<String, String> env,
                                                        java.util.Properties systemProperties) {
        Map<String, String> defaults = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            String sanitized = key.replaceAll("[^A-Za-z0-9]", "_");
            boolean explicit = systemProperties.getProperty(key) != null || env.containsKey(key)
                    || env.containsKey(sanitized) || env.containsKey(sanitized.toUpperCase(java.util.Locale.ROOT));
            if (!explicit) {
                defaults.put(key, value);
            }
        });
        return defaults;
    }

    @Override
    public void close() {
        if (clickUp != null) {
            clickUp.close();
        }
        if (second != null) {
            second.close();
        }
        emulator.close();
    }
}
