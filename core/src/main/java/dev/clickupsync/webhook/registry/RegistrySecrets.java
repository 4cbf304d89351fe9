package dev.clickupsync.webhook.registry;

import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.webhook.SignatureVerifier;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The registry's secrets as ingest uses them: read with one Query, kept for
 * {@code sync.webhook-registry.cache-for}, and checked against each secret's own
 * {@code valid_until} on every use, so a grace period ends on time even between reloads.
 *
 * <p>When no secret matched, the registry is read again at once (at most every
 * {@value #MIN_RELOAD_SECONDS} s), so a re-created webhook's new secret works from its first
 * delivery instead of after the cache expires. A failed read (table unreachable, no permission,
 * timeout) is counted ({@code WebhookRegistryUnavailable}) and logged, never thrown: the configured
 * secrets and the secrets last read (while still valid) keep working, and the read is tried again
 * after {@value #RETRY_SECONDS} s. Ingest itself never calls ClickUp; this only reads DynamoDB.
 *
 * <p>Several workspaces (issue #17): each secret signs only for the workspace its record names
 * ({@link #secretsByOwner}; a record without one is {@code default}'s), and {@link #ownerOf} tells ingest
 * whose webhook a body names, so a body naming one workspace's webhook but signed with another's registry
 * secret is refused, as it is with configured secrets.
 */
public final class RegistrySecrets implements SignatureVerifier.SecretSource {
    private static final Logger LOG = Logger.getLogger(RegistrySecrets.class);
    static final String METRIC_UNAVAILABLE = "WebhookRegistryUnavailable";
    static final long MIN_RELOAD_SECONDS = 1;
    static final long RETRY_SECONDS = 10;

    private final WebhookRegistry registry;
    private final Metrics metrics;
    private final Clock clock;
    private final Duration cacheFor;
    private final Duration readTimeout;
    private final boolean enabled;

    /** What was last read; {@code nextReadAt} decides when to read again. */
    private record Snapshot(List<WebhookRegistry.SecretGrant> grants, Instant readAt, Instant nextReadAt, boolean ok) {
    }

    private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.EPOCH, Instant.EPOCH, false);

    public RegistrySecrets(WebhookRegistry registry, Metrics metrics, Clock clock, Duration cacheFor, Duration readTimeout,
                           boolean enabled) {
        this.registry = registry;
        this.metrics = metrics;
        this.clock = clock;
        this.cacheFor = cacheFor;
        this.readTimeout = readTimeout;
        this.enabled = enabled;
    }

    /** The grants valid now, reading the registry first when the cached read is due. */
    private Stream<WebhookRegistry.SecretGrant> valid() {
        if (!enabled) {
            return Stream.empty();
        }
        Instant now = clock.instant();
        Snapshot current = snapshot;
        if (!now.isBefore(current.nextReadAt())) {
            current = reload(current);
        }
        return current.grants().stream().filter(g -> g.validAt(now));
    }

    /** Every valid secret, of whichever workspace. */
    @Override
    public Collection<String> secrets() {
        return valid().map(WebhookRegistry.SecretGrant::secret).toList();
    }

    @Override
    public Map<String, List<String>> secretsByOwner(String defaultOwner) {
        Map<String, List<String>> byOwner = new LinkedHashMap<>();
        valid().forEach(g -> byOwner.computeIfAbsent(g.workspace(), w -> new ArrayList<>()).add(g.secret()));
        return byOwner;
    }

    /** From the grants last read (including retired webhooks within their grace); no read of its own. */
    @Override
    public Optional<String> ownerOf(String webhookId) {
        return snapshot.grants().stream().filter(g -> g.webhookId().equals(webhookId))
                .map(WebhookRegistry.SecretGrant::workspace).findFirst();
    }

    @Override
    public boolean reloadAfterMiss() {
        if (!enabled) {
            return false;
        }
        Snapshot current = snapshot;
        Instant now = clock.instant();
        Duration minInterval = min(cacheFor, Duration.ofSeconds(MIN_RELOAD_SECONDS));
        if (now.isBefore(current.readAt().plus(minInterval)) || (!current.ok() && now.isBefore(current.nextReadAt()))) {
            return false;
        }
        Snapshot reloaded = reload(current);
        return reloaded != current && reloaded.ok();
    }

    /** Makes the next use read the registry (e.g. right after this process changed it). */
    public void invalidate() {
        Snapshot current = snapshot;
        snapshot = new Snapshot(current.grants(), Instant.EPOCH, Instant.EPOCH, current.ok());
    }

    /** Reads the registry unless another thread just did; returns the snapshot to use. */
    private synchronized Snapshot reload(Snapshot seen) {
        if (snapshot != seen) {
            return snapshot;
        }
        Instant now = clock.instant();
        try {
            List<WebhookRegistry.SecretGrant> grants = List.copyOf(registry.secretGrants(readTimeout));
            snapshot = new Snapshot(grants, now, now.plus(cacheFor), true);
            LOG.debugf("webhook registry read secrets=%d", grants.size());
        } catch (RuntimeException e) {
            metrics.increment(METRIC_UNAVAILABLE);
            StructuredLog.log(LOG, Logger.Level.WARN, "webhook registry unavailable", "reason", ClickUpFailures.AWS_UNAVAILABLE,
                    "error", e.getClass().getSimpleName(), "fallback", "configured_and_last_read_secrets",
                    "last_read", seen.grants().size(), "retry_in_s", RETRY_SECONDS);
            // Keep what was last read (each grant still expires on its own) and try again later.
            snapshot = new Snapshot(seen.grants(), now, now.plus(min(cacheFor, Duration.ofSeconds(RETRY_SECONDS))), false);
        }
        return snapshot;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
