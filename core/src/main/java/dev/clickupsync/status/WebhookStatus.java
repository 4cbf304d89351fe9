package dev.clickupsync.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.json.Json;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code webhooks} section: webhook health per workspace, from one {@code Query} of the webhook
 * registry's partition ({@code webhook-registry}, a few items). The query projects only health
 * attributes, so no signing secret is ever read by this code. Retired webhooks are left out. ClickUp's
 * health is as the last lifecycle run observed it. {@code last_reactivation} is the latest time the
 * lifecycle re-activated a webhook of the workspace (or created one in place of a suspended webhook
 * it could not re-activate); {@code last_healthy_at} is when a webhook was last seen active with no
 * failures.
 */
@ApplicationScoped
public class WebhookStatus {
    static final String REGISTRY_PARTITION = "webhook-registry";
    private static final String RETIRED = "retired";

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public WebhookStatus(DynamoDbClient dynamo, SyncConfig sync) {
        this(dynamo, sync.tables().control());
    }

    WebhookStatus(DynamoDbClient dynamo, String controlTable) {
        this.dynamo = dynamo;
        this.table = controlTable;
    }

    /** The section; adds every workspace the registry knows to {@code teams}, for the reconcile sections. */
    JsonNode report(Set<String> teams) {
        Map<String, ObjectNode> byTeam = new TreeMap<>();
        dynamo.queryPaginator(Tables.prefixQuery(table, REGISTRY_PARTITION, "webhook#")
                        .projectionExpression("webhook_id, team_id, #s, fail_count, last_healthy_at, last_reactivated_at, updated_at")
                        .expressionAttributeNames(Map.of("#s", "status")).build())
                .items().forEach(raw -> {
                    Item item = Item.of(raw);
                    String status = item.text("status");
                    if (RETIRED.equals(status)) {
                        return;
                    }
                    String team = item.text("team_id") == null ? "unknown" : item.text("team_id");
                    if (item.text("team_id") != null) {
                        teams.add(team);
                    }
                    ObjectNode workspace = byTeam.computeIfAbsent(team, WebhookStatus::workspace);
                    count(workspace, status);
                    workspace.put("failing_count", workspace.get("failing_count").asLong() + item.longOr("fail_count", 0));
                    latest(workspace, "last_healthy_at", item.instant("last_healthy_at"));
                    latest(workspace, "last_reactivation", item.instant("last_reactivated_at"));
                    ArrayNode hooks = (ArrayNode) workspace.get("webhooks");
                    ObjectNode hook = hooks.addObject();
                    hook.put("id", item.text("webhook_id"));
                    hook.put("status", status);
                    hook.put("fail_count", item.longOr("fail_count", 0));
                    put(hook, "last_healthy_at", item.instant("last_healthy_at"));
                    put(hook, "last_reactivated_at", item.instant("last_reactivated_at"));
                    put(hook, "observed_at", item.instant("updated_at"));
                });
        ObjectNode section = Json.MAPPER.createObjectNode();
        byTeam.forEach(section::set);
        return section;
    }

    private static ObjectNode workspace(String team) {
        ObjectNode workspace = Json.MAPPER.createObjectNode();
        workspace.put("active", 0);
        workspace.put("failing", 0);
        workspace.put("suspended", 0);
        workspace.put("failing_count", 0);
        workspace.putNull("last_healthy_at");
        workspace.putNull("last_reactivation");
        workspace.putArray("webhooks");
        return workspace;
    }

    private static void count(ObjectNode workspace, String status) {
        if (status != null && workspace.has(status) && workspace.get(status).isNumber()
                && !"failing_count".equals(status)) {
            workspace.put(status, workspace.get(status).asLong() + 1);
        }
    }

    private static void latest(ObjectNode node, String field, Instant value) {
        if (value != null && (node.get(field).isNull() || Instant.parse(node.get(field).asText()).isBefore(value))) {
            node.put(field, value.toString());
        }
    }

    private static void put(ObjectNode node, String field, Instant value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }
}
