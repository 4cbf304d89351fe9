package dev.clickupsync.fields;

import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.model.ListFields;
import dev.clickupsync.json.Json;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code GET /list/{id}/field} on the fake ClickUp over real HTTP, without the production client's
 * retries: a 5xx is a {@link ClickUpException.Server}, any other error a {@link ClickUpException}.
 */
final class FakeClickUpFieldSource implements FieldSource {
    private final FakeClickUp fake;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FakeClickUpFieldSource(FakeClickUp fake) {
        this.fake = fake;
    }

    @Override
    public ListFields fetch(String listId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/list/" + listId + "/field"))
                .header("Authorization", fake.token()).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 500) {
                throw new ClickUpException.Server(status, null, "fake ClickUp failed");
            }
            if (status != 200) {
                throw new ClickUpException(status, null, "fake ClickUp refused");
            }
            return Json.MAPPER.readValue(response.body(), ListFields.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
