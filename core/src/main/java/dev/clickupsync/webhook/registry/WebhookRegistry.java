package dev.clickupsync.webhook.registry;

import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook registry: which ClickUp webhooks deliver to us, with their signing secrets, health
 * and when each was last healthy. Lives in the control table ({@code sync.tables.control}).
 *
 * <p>Layout: every webhook is one item in a single partition, {@code pk = webhook-registry},
 * {@code sk = webhook#<id>}, so ingest reads every secret with one {@code Query} (there are a few
 * items, never many). Times are epoch milliseconds (numbers); a retired item gets the table's TTL
 * attribute {@code expires_at} (epoch seconds) a week after its secret stopped being valid, which
 * keeps its history for a while without keeping it for ever. TTL deletes lazily, so readers check
 * {@code valid_until} themselves and never rely on the item being gone.
 *
 * <p>Secret rules: a webhook's secret is valid while the webhook is not retired; a retired webhook's
 * secret until {@code valid_until}; when ClickUp reports a different secret for the same webhook,
 * the old one is kept as {@code previous_secret} until {@code previous_valid_until}. Writes are
 * conditional: {@link #record} is an optimistic compare-and-set on {@code version}, and
 * {@link #retire} only retires a live webhook, so repeating it never extends a grace period.
 *
 * <p>Several workspaces (issue #17): each record names the workspace it belongs to ({@code workspace},
 * the {@code sync.workspaces} name; a record written before there was one is {@code default}'s), so
 * each workspace's lifecycle sees and retires only its own records ({@link #forEndpoint(String, String)}),
 * and ingest accepts a secret only for the workspace it belongs to ({@link SecretGrant#workspace()}).
 */
public final class WebhookRegistry {
    static final String PARTITION = "webhook-registry";
    static final String SORT_PREFIX = "webhook#";
    private static final Duration KEEP_RETIRED = Duration.ofDays(7);
    private static final int MAX_RACES = 25;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    /** What ClickUp reported about one webhook, as the registry stores it. */
    public record Observed(String webhookId, String teamId, String endpoint, String secret, String status, int failCount,
                           String workspace) {
        public Observed {
            Objects.requireNonNull(webhookId, "webhookId");
        }

        /** A webhook of the {@code default} workspace (or of whichever workspace the record already names). */
        public Observed(String webhookId, String teamId, String endpoint, String secret, String status, int failCount) {
            this(webhookId, teamId, endpoint, secret, status, failCount, null);
        }

        @Override
        public String toString() {
            return "Observed[id=" + webhookId + ", workspace=" + workspace + ", endpoint=" + endpoint + ", status=" + status + ", failCount=" + failCount
                    + ", secret=" + (secret == null ? "none" : "<redacted>") + "]";
        }
    }

    /**
     * A secret that may sign deliveries, and until when (null: until further notice). Ingest keeps
     * these for a while, so it checks {@link #validAt} on each use.
     */
    public record SecretGrant(String webhookId, String secret, Instant validUntil, String workspace) {
        public SecretGrant {
            workspace = RegisteredWebhook.workspaceOrDefault(workspace);
        }

        public boolean validAt(Instant now) {
            return validUntil == null || validUntil.isAfter(now);
        }

        @Override
        public String toString() {
            return "SecretGrant[webhook=" + webhookId + ", workspace=" + workspace + ", validUntil=" + (validUntil == null ? "-" : validUntil)
                    + ", secret=<redacted>]";
        }
    }

    public WebhookRegistry(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** The webhook's record (strongly consistent), if the registry knows it. */
    public Optional<RegisteredWebhook> get(String webhookId) {
        Item item = Item.of(dynamo.getItem(b -> b.tableName(table).key(key(webhookId)).consistentRead(true)).item());
        return item.exists() ? Optional.of(fromItem(item)) : Optional.empty();
    }

    /** Every record, retired ones included (strongly consistent), oldest first. */
    public List<RegisteredWebhook> all() {
        List<RegisteredWebhook> out = new ArrayList<>();
        for (Item item : query(true, null)) {
            out.add(fromItem(item));
        }
        out.sort(Comparator.comparing(RegisteredWebhook::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        return out;
    }

    /** The records whose endpoint is {@code endpoint}, retired ones included, of every workspace. */
    public List<RegisteredWebhook> forEndpoint(String endpoint) {
        return all().stream().filter(w -> Objects.equals(endpoint, w.endpoint())).toList();
    }

    /** The records of {@code workspace} whose endpoint is {@code endpoint}, retired ones included. */
    public List<RegisteredWebhook> forEndpoint(String endpoint, String workspace) {
        String owner = RegisteredWebhook.workspaceOrDefault(workspace);
        return forEndpoint(endpoint).stream().filter(w -> owner.equals(w.workspace())).toList();
    }

    /**
     * Every secret that may sign a delivery now or later: live webhooks' secrets, retired ones' until
     * their {@code valid_until}, previous secrets until theirs. One eventually consistent Query,
     * abandoned after {@code timeout} (ingest has ClickUp's 7 s to answer, and falls back to the
     * configured secrets if this fails).
     */
    public List<SecretGrant> secretGrants(Duration timeout) {
        Instant now = clock.instant();
        List<SecretGrant> grants = new ArrayList<>();
        for (Item item : query(false, timeout)) {
            RegisteredWebhook webhook = fromItem(item);
            if (webhook.secretValidAt(now)) {
                grants.add(new SecretGrant(webhook.webhookId(), webhook.secret(), webhook.retired() ? webhook.validUntil() : null,
                        webhook.workspace()));
            }
            if (webhook.previousSecretValidAt(now)) {
                grants.add(new SecretGrant(webhook.webhookId(), webhook.previousSecret(), webhook.previousValidUntil(),
                        webhook.workspace()));
            }
        }
        return grants;
    }

    /**
     * Stores what ClickUp reported about a webhook, creating or updating its record. A {@code null}
     * secret keeps the stored one; a different secret moves the stored one to {@code previous_secret},
     * valid for {@code secretGrace}. {@code healthy} sets {@code last_healthy_at} to now. A retired
     * record that ClickUp reports again is live again.
     */
    public RegisteredWebhook record(Observed observed, boolean healthy, Duration secretGrace) {
        for (int race = 0; ; race++) {
            Instant now = clock.instant();
            RegisteredWebhook existing = get(observed.webhookId()).orElse(null);
            String secret = observed.secret() != null ? observed.secret() : existing == null ? null : existing.secret();
            String previousSecret = existing == null ? null : existing.previousSecret();
            Instant previousValidUntil = existing == null ? null : existing.previousValidUntil();
            if (existing != null && existing.secret() != null && secret != null && !existing.secret().equals(secret)) {
                previousSecret = existing.secret();
                previousValidUntil = now.plus(secretGrace);
            }
            RegisteredWebhook next = new RegisteredWebhook(observed.webhookId(),
                    observed.teamId() != null ? observed.teamId() : existing == null ? null : existing.teamId(),
                    observed.endpoint() != null ? observed.endpoint() : existing == null ? null : existing.endpoint(),
                    secret, observed.status(), observed.failCount(),
                    healthy ? now : existing == null ? null : existing.lastHealthyAt(),
                    existing == null ? null : existing.lastReactivatedAt(),
                    existing == null ? now : existing.createdAt(), now, null, previousSecret, previousValidUntil,
                    existing == null ? 1 : existing.version() + 1,
                    observed.workspace() != null ? observed.workspace() : existing == null ? null : existing.workspace());
            try {
                if (existing == null) {
                    dynamo.putItem(b -> b.tableName(table).item(toItem(next)).conditionExpression("attribute_not_exists(pk)"));
                } else {
                    dynamo.putItem(b -> b.tableName(table).item(toItem(next)).conditionExpression("version = :seen")
                            .expressionAttributeValues(Map.of(":seen", Item.n(existing.version()))));
                }
                return next;
            } catch (ConditionalCheckFailedException lost) {
                if (race >= MAX_RACES) {
                    throw lost;
                }
            }
        }
    }

    /**
     * Retires a live webhook: its secret stays valid until {@code validUntil}, then the record
     * expires. False (and nothing written) if there is no such record or it is already retired, so
     * a repeated call never extends the grace period.
     */
    public boolean retire(String webhookId, Instant validUntil) {
        Map<String, AttributeValue> values = Item.builder().text(":retired", RegisteredWebhook.RETIRED)
                .instant(":until", validUntil).number(":expires", validUntil.plus(KEEP_RETIRED).getEpochSecond())
                .number(":now", clock.millis()).number(":one", 1L).build();
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(webhookId))
                    .updateExpression("SET #status = :retired, valid_until = :until, " + Tables.TTL + " = :expires, "
                            + "updated_at = :now, version = version + :one")
                    .conditionExpression("attribute_exists(pk) AND #status <> :retired")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notLive) {
            return false;
        }
    }

    /**
     * Records that the lifecycle re-activated this webhook (or created it in place of one it could
     * not re-activate) now, for {@code GET /admin/status}. False if there is no such record. Bumps
     * the version, so a {@link #record} racing with it re-reads and keeps the time.
     */
    public boolean reactivated(String webhookId) {
        Map<String, AttributeValue> values = Item.builder().number(":now", clock.millis()).number(":one", 1L).build();
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(webhookId))
                    .updateExpression("SET last_reactivated_at = :now, updated_at = :now, version = version + :one")
                    .conditionExpression("attribute_exists(pk)").expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException unknown) {
            return false;
        }
    }

    private List<Item> query(boolean consistent, Duration timeout) {
        QueryRequest.Builder request = Tables.prefixQuery(table, PARTITION, SORT_PREFIX).consistentRead(consistent);
        if (timeout != null) {
            request.overrideConfiguration(AwsRequestOverrideConfiguration.builder().apiCallTimeout(timeout).build());
        }
        List<Item> items = new ArrayList<>();
        dynamo.queryPaginator(request.build()).items().forEach(item -> items.add(Item.of(item)));
        return items;
    }

    private static Map<String, AttributeValue> key(String webhookId) {
        return Item.key(PARTITION, SORT_PREFIX + webhookId);
    }

    private static Map<String, AttributeValue> toItem(RegisteredWebhook w) {
        return Item.with(key(w.webhookId()))
                .text("webhook_id", w.webhookId()).text("team_id", w.teamId()).text("endpoint", w.endpoint())
                .text("secret", w.secret()).text("status", w.status()).number("fail_count", (long) w.failCount())
                .instant("last_healthy_at", w.lastHealthyAt()).instant("last_reactivated_at", w.lastReactivatedAt())
                .instant("created_at", w.createdAt())
                .instant("updated_at", w.updatedAt()).instant("valid_until", w.validUntil())
                .text("previous_secret", w.previousSecret()).instant("previous_valid_until", w.previousValidUntil())
                .number("version", w.version()).text("workspace", w.workspace())
                .expiresAt(w.retired() && w.validUntil() != null ? w.validUntil().plus(KEEP_RETIRED) : null)
                .build();
    }

    private static RegisteredWebhook fromItem(Item item) {
        String id = item.text("webhook_id");
        if (id == null) {
            id = item.text(Tables.SK).substring(SORT_PREFIX.length());
        }
        return new RegisteredWebhook(id, item.text("team_id"), item.text("endpoint"), item.text("secret"),
                item.text("status"), (int) item.longOr("fail_count", 0), item.instant("last_healthy_at"),
                item.instant("last_reactivated_at"), item.instant("created_at"), item.instant("updated_at"), item.instant("valid_until"),
                item.text("previous_secret"), item.instant("previous_valid_until"), item.longOr("version", 0),
                item.text("workspace"));
    }
}
