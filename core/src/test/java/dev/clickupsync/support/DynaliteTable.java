package dev.clickupsync.support;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.testkit.aws.EmbeddedDynamoDb;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/**
 * A test class's own dynalite with one table provisioned as production provisions it, and a real
 * SDK client on it: {@code @RegisterExtension static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);}.
 * Started before the class's {@code @BeforeAll} methods run and stopped after its {@code @AfterAll}
 * ones, so a class's set-up can use {@link #dynamo()} at once. One server per class keeps classes
 * independent (no shared table state, no port shared between forks).
 */
public final class DynaliteTable implements BeforeAllCallback, AfterAllCallback {
    private final String table;
    private final ExecutionInterceptor[] interceptors;
    private EmbeddedDynamoDb server;
    private DynamoDbClient dynamo;

    /** @param interceptors on the client, e.g. one that counts the calls a test is about */
    public DynaliteTable(String table, ExecutionInterceptor... interceptors) {
        this.table = table;
        this.interceptors = interceptors.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EmbeddedDynamoDb.start();
        dynamo = AwsClients.dynamo(server.endpoint(), interceptors);
        new Provisioner(dynamo, null).ensureTable(table);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (dynamo != null) {
            dynamo.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The client on the server (with the interceptors given). */
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public String table() {
        return table;
    }
}
