package dev.clickupsync.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.budget.RateLimitHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.time.Clock;
import java.util.OptionalLong;

/** Turns ClickUp's error answers ({@code {"err": "...", "ECODE": "..."}}) into {@link ClickUpException}s. */
public class ClickUpErrorMapper implements ResponseExceptionMapper<ClickUpException> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ClickUpException toThrowable(Response response) {
        String err = null;
        String ecode = null;
        try {
            if (response.hasEntity()) {
                JsonNode node = JSON.readTree(response.readEntity(String.class));
                err = node.path("err").isTextual() ? node.path("err").asText() : null;
                ecode = node.path("ECODE").isTextual() ? node.path("ECODE").asText() : null;
            }
        } catch (Exception unreadable) {
            // An error without ClickUp's JSON body (e.g. a proxy's HTML page): the status alone decides.
        }
        OptionalLong reset = RateLimitHeaders.resetEpochMillis(response.getHeaderString("X-RateLimit-Reset"), Clock.systemUTC());
        return map(response.getStatus(), ecode, err, reset);
    }

    static ClickUpException map(int status, String ecode, String err) {
        return map(status, ecode, err, OptionalLong.empty());
    }

    static ClickUpException map(int status, String ecode, String err, OptionalLong reset) {
        if ("OAUTH_027".equals(ecode)) {
            return new ClickUpException.WorkspaceNotAuthorized(status, ecode, err);
        }
        // 401 only: ClickUp also uses OAUTH_* codes for non-auth answers, e.g. 400 OAUTH_171
        // "webhook already exists", which must not raise the auth alarm.
        if (status == 401) {
            return new ClickUpException.Authentication(status, ecode, err);
        }
        if (status == 404) {
            return new ClickUpException.NotFound(status, ecode, err);
        }
        if (status == 429) {
            return new ClickUpException.RateLimited(status, ecode, err, reset);
        }
        if (status >= 500) {
            return new ClickUpException.Server(status, ecode, err);
        }
        if (status == 400 || status == 422) {
            return new ClickUpException.Validation(status, ecode, err);
        }
        return new ClickUpException(status, ecode, err);
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
