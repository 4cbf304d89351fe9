package dev.clickupsync.testkit.quarkus;

import dev.clickupsync.testkit.aws.EmbeddedAws;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeWorkspace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything clickup-sync talks to, started in-process: DynamoDB Local, ElasticMQ and the fake
 * ClickUp with the demo workspace. {@link #config()} is the configuration that points an
 * application at it (the same keys the Lambda functions read from their environment).
 */
public final class EmbeddedStack implements AutoCloseable {
    public static final String QUEUE_NAME = "clickup-sync-local-events";

    private final EmbeddedAws aws;
    private final FakeClickUp clickUp;

    private EmbeddedStack(EmbeddedAws aws, FakeClickUp clickUp) {
        this.aws = aws;
        this.clickUp = clickUp;
    }

    /** Starts the emulators and, when {@code withFakeClickUp}, the fake ClickUp. */
    public static EmbeddedStack start(boolean withFakeClickUp) {
        EmbeddedAws aws = EmbeddedAws.start();
        FakeClickUp clickUp = withFakeClickUp ? FakeClickUp.start(FakeWorkspace.demo()) : null;
        return new EmbeddedStack(aws, clickUp);
    }

    public EmbeddedAws aws() {
        return aws;
    }

    /** The fake ClickUp, or null when the stack runs against a real one. */
    public FakeClickUp clickUp() {
        return clickUp;
    }

    public String queueUrl() {
        return aws.sqs().queueUrl(QUEUE_NAME);
    }

    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>(aws.quarkusConfig());
        config.put("sync.queue.url", queueUrl());
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
        aws.close();
    }
}
