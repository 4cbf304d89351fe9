package dev.clickupsync.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SSM's {@code GetParameter} over its JSON 1.1 protocol, and nothing else: <b>a stand-in, not SSM</b>.
 * No real SSM-compatible server can run here (no Docker, so no LocalStack; no AWS account), so this is
 * a few lines of {@code com.sun.net.httpserver} speaking the one operation the start-up secrets use
 * ({@code dev.clickupsync.infra.secrets}): the {@code X-Amz-Target} header, the
 * {@code Name}/{@code WithDecryption} body, the {@code Parameter} answer and the
 * {@code ParameterNotFound} / {@code AccessDeniedException} errors as AWS documents them. The client
 * talking to it is the real AWS SDK v2 {@code SsmClient}, so signing, marshalling and error mapping are
 * the SDK's own; what only real SSM can show (KMS decryption, IAM) is the template's policies' job.
 */
public final class FakeSsm implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received (the authorization header only to check that it was signed). */
    public record Request(String target, String contentType, String authorization, String name, boolean withDecryption) {
    }

    /** Parameter name → value; every parameter is a SecureString. */
    public final Map<String, String> parameters = new ConcurrentHashMap<>();
    /** Names whose read answers {@code AccessDeniedException}, as for a role without the grant. */
    public final List<String> denied = new CopyOnWriteArrayList<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private FakeSsm(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free loopback port. */
    public static FakeSsm start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeSsm fake = new FakeSsm(server);
        server.createContext("/", fake::handle);
        server.start();
        return fake;
    }

    /** The endpoint to configure ({@code SYNC_SECRETS_SSM_ENDPOINT}). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String name = body.path("Name").asText();
            requests.add(new Request(target, exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), name,
                    body.path("WithDecryption").asBoolean(false)));
            if (!"POST".equals(exchange.getRequestMethod()) || !"AmazonSSM.GetParameter".equals(target)) {
                error(exchange, "UnknownOperationException", "only GetParameter is faked");
            } else if (denied.contains(name)) {
                error(exchange, "AccessDeniedException", "User: arn:aws:sts::000000000000:assumed-role/test is not"
                        + " authorized to perform: ssm:GetParameter on resource: parameter" + name);
            } else if (!parameters.containsKey(name)) {
                error(exchange, "ParameterNotFound", null);
            } else {
                ObjectNode parameter = JSON.createObjectNode();
                parameter.putObject("Parameter")
                        .put("Name", name)
                        .put("Type", "SecureString")
                        .put("Value", parameters.get(name))
                        .put("Version", 1)
                        .put("LastModifiedDate", 1.7e9)
                        .put("ARN", "arn:aws:ssm:eu-west-1:000000000000:parameter" + name)
                        .put("DataType", "text");
                send(exchange, 200, parameter.toString(), null);
            }
        }
    }

    private static void error(HttpExchange exchange, String type, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("__type", type);
        if (message != null) {
            body.put("message", message);
        }
        send(exchange, 400, body.toString(), type);
    }

    private static void send(HttpExchange exchange, int status, String body, String errorType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
