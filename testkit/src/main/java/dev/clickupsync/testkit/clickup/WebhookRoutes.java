package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.ApiRoutes.Response;
import java.util.List;
import java.util.Optional;

/**
 * Webhook management: POST and GET /team/{team_id}/webhook, PUT and DELETE /webhook/{webhook_id},
 * shaped as the OpenAPI examples (webhook_management/*.spec.json). A second webhook with the same
 * endpoint and location answers 400 OAUTH_171; {@code "*"} is answered spelled out as every event;
 * GET lists the token user's webhooks only, as ClickUp does; PUT {@code "status": "active"} resets the
 * health to active with fail_count 0, {@code "inactive"} stops deliveries.
 */
final class WebhookRoutes {

    private final FakeWorkspace workspace;

    WebhookRoutes(FakeWorkspace workspace) {
        this.workspace = workspace;
    }

    Response list(String teamId) {
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            if (!model.teamId.equals(teamId)) {
                return Response.teamNotAuthorized();
            }
            ObjectNode body = ClickUpJson.object();
            ArrayNode webhooks = body.putArray("webhooks");
            long owner = model.tokenUser().id();
            model.webhooks.all().stream().filter(w -> w.userId() == owner).forEach(w -> webhooks.add(render(model, w)));
            return Response.ok(body);
        }
    }

    Response create(String teamId, String body) {
        JsonNode json = JsonBodies.object(body);
        String endpoint = endpoint(json);
        if (endpoint == null) {
            throw new ApiQuery.BadInput("endpoint is required");
        }
        List<String> events = JsonBodies.events(json.get("events"));
        String spaceId = JsonBodies.optionalId(json, "space_id");
        String folderId = JsonBodies.optionalId(json, "folder_id");
        String listId = JsonBodies.optionalId(json, "list_id");
        String taskId = JsonBodies.optionalId(json, "task_id");
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            if (!model.teamId.equals(teamId)) {
                return Response.teamNotAuthorized();
            }
            WebhookRegistration created = model.webhooks.create(endpoint, events, model.tokenUser().id(), spaceId, folderId,
                    listId, taskId);
            if (created == null) {
                return Response.error(400, "Webhook configuration already exists", ClickUpErrors.WEBHOOK_EXISTS);
            }
            return Response.ok(withId(model, created));
        }
    }

    Response update(String webhookId, String body) {
        JsonNode json = JsonBodies.object(body);
        String endpoint = endpoint(json);
        List<String> events = json.hasNonNull("events") ? JsonBodies.events(json.get("events")) : null;
        String status = json.hasNonNull("status") ? json.get("status").asText() : null;
        if (status != null && !status.equals(WebhookRegistration.ACTIVE) && !status.equals(WebhookRegistration.INACTIVE)) {
            throw new ApiQuery.BadInput("status must be active or inactive");
        }
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            Optional<WebhookRegistration> updated = model.webhooks.update(webhookId, w -> {
                WebhookRegistration changed = endpoint == null ? w : w.withEndpoint(endpoint);
                changed = events == null ? changed : changed.withEvents(events);
                if (WebhookRegistration.ACTIVE.equals(status)) {
                    changed = changed.withHealth(WebhookRegistration.ACTIVE, 0);
                } else if (WebhookRegistration.INACTIVE.equals(status)) {
                    changed = changed.withHealth(WebhookRegistration.INACTIVE, changed.failCount());
                }
                return changed;
            });
            return updated.map(w -> Response.ok(withId(model, w))).orElseGet(WebhookRoutes::notFound);
        }
    }

    Response delete(String webhookId) {
        synchronized (workspace) {
            return workspace.model().webhooks.remove(webhookId) ? Response.ok(ClickUpJson.object()) : notFound();
        }
    }

    /** A webhook as the API shows it: ids in ClickUp's types (team_id and userid numbers, locations strings). */
    static ObjectNode render(WorkspaceModel model, WebhookRegistration webhook) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", webhook.id());
        node.put("userid", webhook.userId());
        try {
            node.put("team_id", Long.parseLong(model.teamId));
        } catch (NumberFormatException e) {
            node.put("team_id", model.teamId);
        }
        node.put("endpoint", webhook.endpoint());
        node.put("client_id", model.webhooks.clientId);
        ArrayNode events = node.putArray("events");
        webhook.expandedEvents().forEach(events::add);
        node.put("task_id", webhook.taskId());
        node.put("list_id", webhook.listId());
        node.put("folder_id", webhook.folderId());
        node.put("space_id", webhook.spaceId());
        node.putObject("health").put("status", webhook.status()).put("fail_count", webhook.failCount());
        node.put("secret", webhook.secret());
        return node;
    }

    private static ObjectNode withId(WorkspaceModel model, WebhookRegistration webhook) {
        ObjectNode body = ClickUpJson.object();
        body.put("id", webhook.id());
        body.set("webhook", render(model, webhook));
        return body;
    }

    private static String endpoint(JsonNode json) {
        JsonNode endpoint = json.get("endpoint");
        if (endpoint == null || endpoint.isNull()) {
            return null;
        }
        if (!endpoint.isTextual() || endpoint.asText().isBlank()) {
            throw new ApiQuery.BadInput("endpoint must be a URL");
        }
        return endpoint.asText().trim();
    }

    private static Response notFound() {
        return Response.error(404, "Webhook not found", ClickUpErrors.WEBHOOK_NOT_FOUND);
    }
}
