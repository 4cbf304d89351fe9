package dev.clickupsync.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The standup digest ({@link StandupDigest}): which lists or spaces, over which window, posted
 * where. The model it asks is {@code sync.digest.llm.*} ({@link dev.clickupsync.llm.LlmConfig}).
 */
@ConfigMapping(prefix = "sync.digest")
public interface DigestConfig {

    /**
     * What to digest and where to post it ({@code SYNC_DIGEST_SCOPES}), comma-separated entries
     * {@code list:<list id>=<task id>} or {@code space:<space id>=<task id>}: the facts of that list
     * (or of every list of that space the mirror knows) go, as one comment, onto that task. Unset:
     * a digest run does nothing for the {@code default} workspace. Further workspaces list theirs, spelled
     * the same, in {@code sync.workspaces.<name>.digest-scopes}, and are posted with their own token.
     */
    Optional<List<String>> scopes();

    /** How far back "changed" and "status transitions" look from the run's time ({@code SYNC_DIGEST_WINDOW}). */
    @WithDefault("24h")
    Duration window();

    /**
     * The workspace (team) whose list registry resolves {@code space:} scopes
     * ({@code SYNC_DIGEST_TEAM_ID}); the registry is what reconcile and the drain record as they
     * see lists. Needed only for space scopes. The {@code default} workspace's: unset, its
     * {@code sync.webhook-lifecycle.team-id}; further workspaces use their {@code team-id}.
     */
    Optional<String> teamId();

    /**
     * Most tasks one prompt lists (changed first, then blocked, overdue, in progress), so a busy
     * list cannot make an unbounded prompt; the prompt says how many were left out.
     */
    @WithDefault("80")
    int maxTasks();

    /**
     * A task is "blocked" when its status name or one of its tags contains one of these words
     * (case-insensitive).
     */
    @WithDefault("blocked")
    List<String> blockedMarkers();
}
