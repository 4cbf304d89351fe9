package dev.clickupsync.testkit.quarkus;

import dev.clickupsync.testkit.aws.AwsEmulator;
import dev.clickupsync.testkit.aws.EmbeddedAws;
import dev.clickupsync.testkit.localstack.LocalStackAws;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeWorkspace;

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

    private EmbeddedStack(AwsEmulator emulator, FakeClickUp clickUp) {
        this.emulator = emulator;
        this.clickUp = clickUp;
    }

    /** Starts the emulators and, when {@code withFakeClickUp}, the fake ClickUp. */
    public static EmbeddedStack start(boolean withFakeClickUp) {
        AwsEmulator emulator = onLocalStack() ? LocalStackAws.start() : EmbeddedAws.start();
        FakeClickUp clickUp = withFakeClickUp ? FakeClickUp.start(FakeWorkspace.demo()) : null;
        return new EmbeddedStack(emulator, clickUp);
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
            config.put("clickup.webhook.secret", DemoWorkspace.WEBHOOK_SECRET);
        }
        return config;
    }

    @Override
    public void close() {
        if (clickUp != null) {
            clickUp.close();
        }
        emulator.close();
    }
}
