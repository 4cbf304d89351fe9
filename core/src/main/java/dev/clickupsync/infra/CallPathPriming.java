package dev.clickupsync.infra;

import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the SDK's request path once per operation the functions use, on throwaway clients whose HTTP client
 * answers {@code 200 {}} in memory: marshalling, SigV4 signing, the interceptor chain, unmarshalling and
 * their classes are loaded in init (so, with SnapStart, in the snapshot) instead of on a restored instance's
 * first request. Nothing leaves the process: the credentials are dummies, no endpoint is called, no IAM
 * action is needed, and the application's own clients and their connection pools are untouched. The
 * answers are not real (an SQS send's checksum check fails on them), so every outcome is ignored.
 *
 * <p>Measured with the runtime-interface-client tests (SnapStart path, 3 runs each, single machine, not a bench):
 * the first request after restore took 260-323 ms for ingest and 349-394 ms for the read function with this
 * priming, 475-500 ms and 503-571 ms with the clients built but not primed. What it cannot load: Apache's
 * connection classes and the credentials provider's fetch, which need a real endpoint. Tried and not kept: the
 * same calls through Apache's client to a loopback server in init took ingest's first request to 242-256 ms
 * (258-319 ms in memory, same 3-run comparison) but the read function's not measurably (313-350 against
 * 290-379 ms), and doubled the priming's init time (about 610 against 320 ms), which an on-demand instance
 * pays in full: a socket server in every function's init for about 60 ms on one function's first request.
 */
final class CallPathPriming {
    private static final Logger LOG = Logger.getLogger(CallPathPriming.class);
    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("prime"), "sk", AttributeValue.fromS("prime"));

    private CallPathPriming() {
    }

    /** Runs the priming calls; returns how many reached the (canned) HTTP client, i.e. went the whole request path. */
    static int run() {
        CannedOk canned = new CannedOk();
        StaticCredentialsProvider dummy = StaticCredentialsProvider.create(AwsBasicCredentials.create("prime", "prime"));
        URI nowhere = URI.create("http://127.0.0.1:9");
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(canned).region(Region.US_EAST_1)
                .credentialsProvider(dummy).endpointOverride(nowhere).build();
             SqsClient sqs = SqsClient.builder().httpClient(canned).region(Region.US_EAST_1)
                     .credentialsProvider(dummy).endpointOverride(nowhere).build()) {
            attempt(() -> dynamo.getItem(b -> b.tableName("prime").key(KEY).consistentRead(true)));
            attempt(() -> dynamo.query(b -> b.tableName("prime").keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("prime")))));
            attempt(() -> dynamo.putItem(b -> b.tableName("prime").item(KEY).conditionExpression("attribute_not_exists(pk)")));
            attempt(() -> dynamo.updateItem(b -> b.tableName("prime").key(KEY).updateExpression("SET v = :v")
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")))));
            attempt(() -> sqs.sendMessage(b -> b.queueUrl(nowhere + "/prime").messageBody("prime")));
        }
        return canned.requests.get();
    }

    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.debugf("priming call ended with %s (expected for some canned answers)", e.getClass().getSimpleName());
        }
    }

    /** An HTTP client that answers every request {@code 200} with a JSON {@code {}} body, in memory. */
    private static final class CannedOk implements SdkHttpClient {
        private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
        private final AtomicInteger requests = new AtomicInteger();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            requests.incrementAndGet();
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                                    .putHeader("Content-Length", Integer.toString(BODY.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(BODY))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public String clientName() {
            return "Priming";
        }

        @Override
        public void close() {
        }
    }
}
