package dev.clickupsync.ingest;

import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function's AWS clients exist once start-up is over, before any request (so that, on Lambda, their
 * building is in init and in SnapStart's snapshot), and both run on Apache's HTTP client. Provisioning is off
 * here, as on AWS, so nothing else at start-up touches them.
 */
@QuarkusTest
@TestProfile(AwsClientsBuiltAtStartTest.WithoutProvisioning.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AwsClientsBuiltAtStartTest {

    /** The embedded stack without provisioning at start-up (and without the other classes' global copy of it). */
    public static class WithoutProvisioning implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedStackResource.class, Map.of(EmbeddedStackResource.PROVISION, "false")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    @Order(1) // first: the other test's unwrapping builds what is not built yet
    void dynamoDbAndSqsClientsAreBuiltDuringStartUpBeforeAnyRequest() {
        assertThat(builtInstance(DynamoDbClient.class)).as("DynamoDB client built at start-up").isNotNull();
        assertThat(builtInstance(SqsClient.class)).as("SQS client built at start-up").isNotNull();
    }

    @Test
    @Order(2)
    void bothClientsUseApachesHttpClientNotTheUrlConnectionOne() throws Exception {
        assertThat(httpClientName(Arc.container().instance(DynamoDbClient.class).get())).isEqualTo("Apache");
        assertThat(httpClientName(Arc.container().instance(SqsClient.class).get())).isEqualTo("Apache");
    }

    /** The client's instance in the application context, or null if nothing has built it yet (no proxy call). */
    private static Object builtInstance(Class<?> type) {
        InjectableBean<?> bean = Arc.container().instance(type).getBean();
        assertThat(bean.getScope()).isEqualTo(ApplicationScoped.class); // lazy behind a proxy, so "built" means something
        return Arc.container().getActiveContext(ApplicationScoped.class).get(bean);
    }

    /**
     * The SDK's name for the client's HTTP client ("Apache", "UrlConnection"). The SDK exposes it only in the
     * client's configuration field, so the test reads that by reflection (test code only).
     */
    private static String httpClientName(SdkClient proxied) throws Exception {
        Object client = ClientProxy.unwrap(proxied);
        Field field = client.getClass().getDeclaredField("clientConfiguration");
        field.setAccessible(true);
        return ((SdkClientConfiguration) field.get(client)).option(SdkClientOption.SYNC_HTTP_CLIENT).clientName();
    }
}
