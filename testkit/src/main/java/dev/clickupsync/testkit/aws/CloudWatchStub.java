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
 * <p>It answers each metric query of a request with the datapoints set for the {@code QueueName}
 * dimension the query names ({@link #datapoint}), none for others; each {@code SEARCH(...)} expression
 * with one result (the expression's id, its label made dynamic) per metric set with {@link #metric} that
 * the search finds ({@link CloudWatchSearch}: exact metric schemas, as CloudWatch); or every request with
 * the error set by {@link #fail}. It keeps what each request asked ({@link #requests}). It does not check
 * signatures, nor the time range: a test sets only the datapoints it means to be read.
 */
public final class CloudWatchStub implements AutoCloseable {
    private static final CBORFactory CBOR = new CBORFactory();

    /** One query of a request: its id, and its metric's dimension value or its expression, and label. */
    public record Query(String id, String dimensionValue, String expression, String label) {
    }

    /** One request as the stub read it: the operation path, its queries, and every string it held. */
    public record Request(String path, List<Query> queries, String body) {
        public List<String> ids() {
            return queries.stream().map(Query::id).toList();
        }

        /** The dimension values of the metric queries (expressions have none). */
        public List<String> dimensionValues() {
            return queries.stream().map(Query::dimensionValue).filter(v -> v != null).toList();
        }

        public List<String> expressions() {
            return queries.stream().map(Query::expression).filter(e -> e != null).toList();
        }
    }

    private record Point(Instant at, double value) {
    }

    private record Series(CloudWatchSearch.Metric metric, List<Point> points) {
    }

    private record Failure(int status, String type, String message) {
    }

    private final HttpServer server;
    private final Map<String, List<Point>> points = new ConcurrentHashMap<>();
    private final Map<CloudWatchSearch.Metric, Series> series = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Failure failure;
    private volatile boolean fillLabels = true;

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

    /**
     * Adds a datapoint (the period's statistic, as CloudWatch would compute it) of the metric
     * {@code name} emitted with exactly {@code dimensions}, for {@code SEARCH} expressions to find.
     */
    public CloudWatchStub metric(String namespace, String name, Map<String, String> dimensions, Instant at, double value) {
        CloudWatchSearch.Metric metric = new CloudWatchSearch.Metric(namespace, name, Map.copyOf(dimensions));
        series.computeIfAbsent(metric, m -> new Series(m, new CopyOnWriteArrayList<>())).points().add(new Point(at, value));
        failure = null;
        return this;
    }

    /** Whether search results' dynamic labels are filled (as CloudWatch does), or returned as sent. */
    public CloudWatchStub fillLabels(boolean fill) {
        fillLabels = fill;
        return this;
    }

    /** Every request fails with {@code status} and the error type (e.g. 400 {@code Throttling}). */
    public CloudWatchStub fail(int status, String type, String message) {
        failure = new Failure(status, type, message);
        return this;
    }

    /** No datapoints, no failure, labels filled. */
    public CloudWatchStub reset() {
        points.clear();
        series.clear();
        failure = null;
        fillLabels = true;
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
        byte[] answer;
        if (f == null) {
            try {
                answer = results(request);
            } catch (IllegalArgumentException e) { // an expression the stub cannot judge: never a silent pass
                f = new Failure(400, "InvalidParameterValueException", e.getMessage());
                answer = error(f);
            }
        } else {
            answer = error(f);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/cbor");
        exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
        exchange.sendResponseHeaders(f != null ? f.status() : 200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** The request's queries in order, each with its id, dimension value or expression, and label. */
    private static Request read(String path, byte[] body) throws IOException {
        List<Query> queries = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (JsonParser parser = CBOR.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && "MetricDataQueries".equals(parser.getCurrentName())) {
                    parser.nextToken(); // the array
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        queries.add(query(parser, text));
                    }
                } else if (token == JsonToken.VALUE_STRING) {
                    text.append(parser.getText()).append(' ');
                }
            }
        }
        return new Request(path, queries, text.toString());
    }

    /** One query object, the parser on its start: its own Id, Expression, Label, and any nested Value. */
    private static Query query(JsonParser parser, StringBuilder text) throws IOException {
        String id = null;
        String value = null;
        String expression = null;
        String label = null;
        String field = null;
        for (int depth = 1; depth > 0; ) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                depth--;
            } else if (token == JsonToken.FIELD_NAME) {
                field = parser.getCurrentName();
            } else if (token == JsonToken.VALUE_STRING) {
                String s = parser.getText();
                text.append(s).append(' ');
                if ("Value".equals(field)) {
                    value = s;
                } else if (depth == 1 && "Id".equals(field)) {
                    id = s;
                } else if (depth == 1 && "Expression".equals(field)) {
                    expression = s;
                } else if (depth == 1 && "Label".equals(field)) {
                    label = s;
                }
            }
        }
        return new Query(id, value, expression, label);
    }

    private byte[] results(Request request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = (CBORGenerator) CBOR.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("MetricDataResults");
            g.writeStartArray();
            for (Query query : request.queries()) {
                if (query.expression() == null) {
                    result(g, query.id(), "ApproximateAgeOfOldestMessage",
                            points.getOrDefault(query.dimensionValue() == null ? "" : query.dimensionValue(), List.of()));
                    continue;
                }
                CloudWatchSearch search = CloudWatchSearch.parse(query.expression());
                for (Series s : series.values()) {
                    if (search.matches(s.metric())) {
                        String label = fillLabels || query.label() == null
                                ? CloudWatchSearch.label(query.label(), s.metric()) : query.label();
                        result(g, query.id(), label, s.points());
                    }
                }
            }
            g.writeEndArray();
            g.writeFieldName("Messages");
            g.writeStartArray();
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void result(CBORGenerator g, String id, String label, List<Point> points) throws IOException {
        g.writeStartObject();
        g.writeStringField("Id", id);
        g.writeStringField("Label", label);
        g.writeFieldName("Timestamps");
        g.writeStartArray();
        for (Point p : points) {
            g.writeTag(1); // CBOR epoch-based date/time, as CloudWatch sends timestamps
            g.writeNumber(p.at().getEpochSecond());
        }
        g.writeEndArray();
        g.writeFieldName("Values");
        g.writeStartArray();
        for (Point p : points) {
            g.writeNumber(p.value());
        }
        g.writeEndArray();
        g.writeStringField("StatusCode", "Complete");
        g.writeEndObject();
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
