package dev.clickupsync.fields;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The custom-field cache ({@link FieldCache}): how long a list's field definitions are trusted and
 * how often ClickUp may be asked again. Discovery costs {@code GET /list/{id}/field}, one of the
 * token's requests per minute shared by every instance, so these bound what field lookups can spend.
 * The table is {@code sync.tables.field-cache}.
 */
@ConfigMapping(prefix = "sync.fields")
public interface FieldCacheConfig {

    /**
     * How long discovered definitions are used without asking ClickUp again
     * ({@code SYNC_FIELDS_TTL}). ClickUp sends no webhook when an admin renames, adds or removes a
     * field, so this bounds how long a change can go unnoticed when nothing else triggers a
     * refresh (an unknown field id or name, or ClickUp rejecting a value, refresh at once). Also the
     * items' DynamoDB TTL.
     */
    @WithDefault("24h")
    Duration ttl();

    /**
     * The shortest time between two refreshes of one list triggered by misses
     * ({@code SYNC_FIELDS_MIN_REFRESH_INTERVAL}), across all instances. A refresh asked for sooner
     * answers with the stored copy, so a stream of events naming a deleted field costs one ClickUp
     * request per interval, not one per event.
     */
    @WithDefault("1m")
    Duration minRefreshInterval();

    /**
     * How long one instance holds the right to discover a list ({@code SYNC_FIELDS_LEASE_DURATION});
     * the others wait up to this long for its result instead of asking ClickUp themselves. Must
     * exceed the longest ClickUp call, retries included ({@code clickup.api.call-timeout} and the
     * retry policy); a lease that expires early lets a second instance discover the same list.
     */
    @WithDefault("10s")
    Duration leaseDuration();
}
