package dev.clickupsync.infra;

import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the DynamoDB and SQS clients at start-up instead of on their first call. The beans are lazy: left
 * alone, a function's first request builds them (Apache's HTTP client and its connection pool, the client's
 * configuration, retry strategy, endpoint resolver and interceptors), and with SnapStart that first request
 * is a restored instance's, after the snapshot. Built here, in Lambda's init, that work lands in the snapshot;
 * on an on-demand instance it moves from the first request (a webhook acknowledgement ClickUp waits for) to
 * init. Then {@link CallPathPriming} runs each operation once on throwaway clients answered in memory, which
 * loads what only a call loads (marshallers, the signer, the interceptor chain): the first request after a
 * restore took about 170-190 ms less with it in the RIC tests. No call reaches AWS, so no connection is pooled
 * across a snapshot and no credentials are fetched. The time both took is logged once per instance.
 *
 * <p>Every function builds both: the read, admin and console functions use SQS little or not at all, but a
 * client is built once per instance and costs nothing after. A client that cannot be built is logged and left
 * to its first call, which fails the way it always did (start-up is not the place to fail the health endpoint
 * for it).
 */
@ApplicationScoped
public class AwsClientsAtStart {
    private static final Logger LOG = Logger.getLogger(AwsClientsAtStart.class);

    // After ProvisionOnStart (priority 1), which already calls both clients when it provisions.
    void onStart(@Observes @Priority(2) StartupEvent event, DynamoDbClient dynamo, SqsClient sqs) {
        long start = System.nanoTime();
        try {
            dynamo.serviceClientConfiguration(); // a call on the client proxy builds the client behind it
            sqs.serviceClientConfiguration();
            long built = System.nanoTime();
            if (ImageMode.current() == ImageMode.NATIVE_RUN) { // a native image loads no classes at run time
                LOG.infof("AWS clients (DynamoDB, SQS) built at start-up in %d ms (native image: no priming)",
                        (built - start) / 1_000_000);
                return;
            }
            CallPathPriming.run();
            LOG.infof("AWS clients (DynamoDB, SQS) built at start-up in %d ms, request path primed in %d ms",
                    (built - start) / 1_000_000, (System.nanoTime() - built) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("AWS clients not built at start-up (%s: %s); their first call builds them", e.getClass().getSimpleName(),
                    e.getMessage());
        }
    }
}
