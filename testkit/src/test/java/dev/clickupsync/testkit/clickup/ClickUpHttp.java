package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A plain JDK HTTP client for the tests, talking to the fake as a real client would. */
final class ClickUpHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private ClickUpHttp() {
    }

    /** GET {@code baseUrl + path} with the Authorization header set to {@code authorization} (null: none). */
    static HttpResponse<String> get(FakeClickUp fake, String path, String authorization) {
        return get(fake, path, authorization, Duration.ofSeconds(5));
    }

    static HttpResponse<String> get(FakeClickUp fake, String path, String authorization, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).timeout(timeout).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(FakeClickUp fake, String path) {
        return get(fake, path, fake.token());
    }

    /** {@code method} (POST, PUT, DELETE) with a JSON body (null: none), authenticated with the fake's token. */
    static HttpResponse<String> send(FakeClickUp fake, String method, String path, String jsonBody) {
        return send(fake, fake.token(), method, path, jsonBody);
    }

    /** As {@link #send(FakeClickUp, String, String, String)} with another {@code Authorization}. */
    static HttpResponse<String> send(FakeClickUp fake, String authorization, String method, String path, String jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody);
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .method(method, body).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body parsed, after checking the status. */
    static JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode resource(String name) {
        try (var in = ClickUpHttp.class.getResourceAsStream("/clickup/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
