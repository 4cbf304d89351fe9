package dev.clickupsync.testkit.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A STUB of CloudWatch's {@code GetMetricData}, not an emulator: no CloudWatch emulator runs on these
 * machines (dynalite and ElasticMQ have none, and there is no Docker for LocalStack), so this small
 * HTTP server answers as CloudWatch does in the protocol the project's AWS SDK version speaks to it,
 * Smithy RPC v2 CBOR ({@code POST /service/GraniteServiceVersion20100801/operation/GetMetricData},
 * CBOR bodies, errors named by {@code __type}), for the real SDK client to talk to.
 *
 * <p>It answers each query of a request with the datapoints set for the {@code QueueName} dimension
 * the query names ({@link #datapoint}), none for others, or every request with the error set by
 * {@link #fail}; it keeps what each request asked ({@link #requests}). It does not check signatures.
 */
public final class CloudWatchStub implements AutoCloseable {
    private static final CBORFactory CBOR = new CBORFactory();

    /** One request as the stub read it: the operation path, and per query its id and dimension value. */
    public record Request(String path, List<String> ids, List<String> dimensionValues, String body) {
    }

    private record Point(Instant at, double value) {
    }

    private record Failure(int status, String type, String message) {
    }

    private final HttpServer server;
    private final Map<String, List<Point>> points = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Failure failure;

    private CloudWatchStub(HttpServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1 and a free port. */
    public static CloudWatchStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            CloudWatchStub stub = new CloudWatchStub(server);
            server.createContext("/", stub::answer);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the CloudWatch stub", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds a datapoint for the queue named {@code queueName}. */
    public CloudWatchStub datapoint(String queueName, Instant at, double value) {
        points.computeIfAbsent(queueName, q -> new CopyOnWriteArrayList<>()).add(new Point(at, value));
        failure = null;
        return this;
    }

    /** Every request fails with {@code status} and the error type (e.g. 400 {@code Throttling}). */
    public CloudWatchStub fail(int status, String type, String message) {
        failure = new Failure(status, type, message);
        return this;
    }

    /** No datapoints and no failure. */
    public CloudWatchStub reset() {
        points.clear();
        failure = null;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Request request = read(exchange.getRequestURI().getPath(), body);
        requests.add(request);
        Failure f = failure;
        byte[] answer = f != null ? error(f) : results(request);
        exchange.getResponseHeaders().add("Content-Type", "application/cbor");
        exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
        exchange.sendResponseHeaders(f != null ? f.status() : 200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** The queries' ids and dimension values, in order (each query has one dimension here). */
    private static Request read(String path, byte[] body) throws IOException {
        List<String> ids = new ArrayList<>();
        List<String> values = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (JsonParser parser = CBOR.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && ("Id".equals(parser.getCurrentName()) || "Value".equals(parser.getCurrentName()))) {
                    List<String> into = "Id".equals(parser.getCurrentName()) ? ids : values;
                    parser.nextToken();
                    into.add(parser.getText());
                }
                if (token == JsonToken.VALUE_STRING) {
                    text.append(parser.getText()).append(' ');
                }
            }
        }
        return new Request(path, ids, values, text.toString());
    }

    private byte[] results(Request request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = (CBORGenerator) CBOR.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("MetricDataResults");
            g.writeStartArray();
            for (int i = 0; i < request.ids().size(); i++) {
                String queue = i < request.dimensionValues().size() ? request.dimensionValues().get(i) : "";
                List<Point> queuePoints = points.getOrDefault(queue, List.of());
                g.writeStartObject();
                g.writeStringField("Id", request.ids().get(i));
                g.writeStringField("Label", "ApproximateAgeOfOldestMessage");
                g.writeFieldName("Timestamps");
                g.writeStartArray();
                for (Point p : queuePoints) {
                    g.writeTag(1); // CBOR epoch-based date/time, as CloudWatch sends timestamps
                    g.writeNumber(p.at().getEpochSecond());
                }
                g.writeEndArray();
                g.writeFieldName("Values");
                g.writeStartArray();
                for (Point p : queuePoints) {
                    g.writeNumber(p.value());
                }
                g.writeEndArray();
                g.writeStringField("StatusCode", "Complete");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("Messages");
            g.writeStartArray();
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static byte[] error(Failure f) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = (CBORGenerator) CBOR.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("__type", "com.amazonaws.cloudwatch#" + f.type());
            g.writeStringField("message", f.message());
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}
