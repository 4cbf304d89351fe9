package dev.clickupsync.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns ClickUp's error answers ({@code {"err": "...", "ECODE": "..."}}) into {@link ClickUpException}s. */
public class ClickUpErrorMapper implements ResponseExceptionMapper<ClickUpException> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ClickUpException toThrowable(Response response) {
        String err = null;
        String ecode = null;
        try {
            if (response.hasEntity()) {
                String body = response.readEntity(String.class);
                JsonNode node = JSON.readTree(body);
                err = node.path("err").isTextual() ? node.path("err").asText() : null;
                ecode = node.path("ECODE").isTextual() ? node.path("ECODE").asText() : null;
            }
        } catch (Exception unreadable) {
            // An error without ClickUp's JSON body (e.g. a proxy's HTML page): status alone decides.
        }
        return map(response.getStatus(), ecode, err);
    }

    static ClickUpException map(int status, String ecode, String err) {
        if (status == 401 || (ecode != null && ecode.startsWith("OAUTH_") && status < 500)) {
            return new ClickUpException.Authentication(status, ecode, err);
        }
        if (status == 404) {
            return new ClickUpException.NotFound(status, ecode, err);
        }
        if (status == 429) {
            return new ClickUpException.RateLimited(status, ecode, err);
        }
        if (status >= 500) {
            return new ClickUpException.Server(status, ecode, err);
        }
        return new ClickUpException(status, ecode, err);
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
