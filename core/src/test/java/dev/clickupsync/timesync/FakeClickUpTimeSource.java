package dev.clickupsync.timesync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.json.Json;
import dev.clickupsync.testkit.clickup.FakeClickUp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * {@link TimeEntrySource} on the fake ClickUp over real HTTP, without the production client's budget
 * and retries (those need a Quarkus application): a 429 is a {@link ClickUpException.RateLimited}, a
 * 5xx a {@link ClickUpException.Server}, any other error a {@link ClickUpException}, as the production
 * client ends after its retries.
 */
public final class FakeClickUpTimeSource implements TimeEntrySource {
    private final FakeClickUp fake;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public FakeClickUpTimeSource(FakeClickUp fake) {
        this.fake = fake;
    }

    @Override
    public List<Long> members(String teamId) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode team : get("/team").path("teams")) {
            if (teamId.equals(team.path("id").asText())) {
                team.path("members").forEach(m -> ids.add(m.path("user").path("id").asLong()));
            }
        }
        return ids;
    }

    @Override
    public List<JsonNode> entries(String teamId, Instant from, Instant to, List<Long> assignees) {
        String assignee = assignees.stream().map(String::valueOf).collect(Collectors.joining(","));
        JsonNode body = get("/team/" + teamId + "/time_entries?start_date=" + from.toEpochMilli() + "&end_date="
                + to.toEpochMilli() + (assignee.isEmpty() ? "" : "&assignee=" + assignee));
        List<JsonNode> out = new ArrayList<>();
        body.path("data").forEach(out::add);
        return out;
    }

    /** A GET on the fake, its JSON body, failures as above. */
    public JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .header("Authorization", fake.token()).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 429) {
                throw new ClickUpException.RateLimited(status, null, "fake ClickUp rate limited", OptionalLong.empty());
            }
            if (status >= 500) {
                throw new ClickUpException.Server(status, null, "fake ClickUp failed");
            }
            if (status != 200) {
                throw new ClickUpException(status, null, "fake ClickUp refused");
            }
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
