package dev.clickupsync.testkit.aws;

import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import java.net.URI;

/**
 * ElasticMQ, an SQS-compatible server, on a loopback port, with SQS's strict limits so that what
 * passes here passes on AWS.
 *
 * <p>{@link #stop()} and {@link #restart()} let tests take "SQS" away and bring it back on the same
 * port (queues are in memory, so a restart starts empty: the caller re-creates them).
 */
public final class EmbeddedSqs implements AutoCloseable {
    public static final String ACCOUNT_ID = "000000000000";
    public static final String REGION = "us-east-1";

    private final int port;
    private SQSRestServer server;

    private EmbeddedSqs(int port) {
        this.port = port;
    }

    public static EmbeddedSqs start() {
        return FreePort.withRetries(port -> {
            EmbeddedSqs sqs = new EmbeddedSqs(port);
            sqs.restart();
            return sqs;
        });
    }

    public synchronized void restart() {
        if (server != null) {
            return;
        }
        SQSRestServer started = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(REGION)
                .withAWSAccountId(ACCOUNT_ID)
                .withSQSLimits(StrictSQSLimits$.MODULE$)
                .start();
        try {
            started.waitUntilStarted();
        } catch (RuntimeException bindFailed) {
            try {
                started.stopAndWait();
            } catch (RuntimeException alreadyDown) {
                // nothing was bound
            }
            throw bindFailed;
        }
        server = started;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stopAndWait();
            server = null;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The URL ElasticMQ gives a queue of this name. */
    public String queueUrl(String queueName) {
        return endpoint() + "/" + ACCOUNT_ID + "/" + queueName;
    }

    @Override
    public void close() {
        stop();
    }
}
