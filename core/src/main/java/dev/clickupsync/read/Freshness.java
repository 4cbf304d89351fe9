package dev.clickupsync.read;

import dev.clickupsync.mirror.MirrorStore;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * How fresh an answer is, as three response headers on every successful read:
 * <ul>
 *   <li>{@code X-Mirror-Verified-Through}: epoch ms; for a task, its entry's {@code verified_through}
 *       (the {@code date_updated} of the last snapshot fetched from ClickUp: every change up to then
 *       is in the answer); for list fields, when the definitions were fetched;</li>
 *   <li>{@code X-Mirror-Written-At}: epoch ms, when the mirror last wrote the entry (its own clock);
 *       a later event may have been applied as a delta after the verified time;</li>
 *   <li>{@code X-Mirror-Age}: whole seconds from that write to the answer.</li>
 * </ul>
 * An answer built from several tasks reports the least fresh of them (the earliest of each).
 */
record Freshness(Instant verifiedThrough, Instant writtenAt) {
    static final String VERIFIED_THROUGH = "X-Mirror-Verified-Through";
    static final String WRITTEN_AT = "X-Mirror-Written-At";
    static final String AGE = "X-Mirror-Age";

    static Freshness of(MirrorStore.Entry entry) {
        return new Freshness(entry.verifiedThrough(), entry.writtenAt());
    }

    /** The least fresh of several (earliest verified, earliest written); an unknown time is skipped, not fatal. */
    static Freshness leastOf(Collection<Freshness> all) {
        Instant verified = all.stream().map(Freshness::verifiedThrough).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        Instant written = all.stream().map(Freshness::writtenAt).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        return new Freshness(verified, written);
    }

    Response.ResponseBuilder on(Response.ResponseBuilder response, Instant now) {
        if (verifiedThrough != null) {
            response.header(VERIFIED_THROUGH, Long.toString(verifiedThrough.toEpochMilli()));
        }
        if (writtenAt != null) {
            response.header(WRITTEN_AT, Long.toString(writtenAt.toEpochMilli()));
            response.header(AGE, age(writtenAt, now));
        }
        return response;
    }

    /** {@link #AGE}'s value: whole seconds from {@code writtenAt} to {@code now}, never negative. */
    static String age(Instant writtenAt, Instant now) {
        return Long.toString(Math.max(0, Duration.between(writtenAt, now).getSeconds()));
    }
}
