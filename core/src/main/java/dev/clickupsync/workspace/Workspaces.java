package dev.clickupsync.workspace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The workspaces this deployment serves, and how an event finds its own.
 *
 * <p>Invariants: {@code default} is always first and always there (the single-workspace keys); names,
 * team ids and webhook ids are each unique, checked at start-up, so every lookup has at most one answer.
 *
 * <p>An event's workspace ({@link #route}), first match wins: the {@code workspace} attribute ingest
 * set (it names the workspace whose secret verified the body, or whose webhook the body names); the
 * workspace whose configured webhook id the body names; the workspace of its team id; and, in a
 * deployment of one workspace, that one (so events queued before this registry existed, or without
 * the attribute, keep draining). Anything else has no workspace: the drain parks it
 * ({@code unknown_workspace}) rather than guess which token may read it.
 */
public final class Workspaces {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,31}");

    private final Map<String, Workspace> byName;
    private final List<Workspace> ordered;

    /** @param all the default workspace first, then the configured ones */
    public Workspaces(List<Workspace> all) {
        if (all.isEmpty() || !all.get(0).isDefault()) {
            throw new IllegalArgumentException("the default workspace comes first");
        }
        Map<String, Workspace> names = new LinkedHashMap<>();
        Map<String, String> teams = new LinkedHashMap<>();
        Map<String, String> webhooks = new LinkedHashMap<>();
        for (Workspace w : all) {
            if (!w.isDefault() && !NAME.matcher(w.name()).matches()) {
                throw new IllegalArgumentException("sync.workspaces." + w.name()
                        + ": a workspace name is lower-case letters and digits, starting with a letter, at most 32");
            }
            if (names.putIfAbsent(w.name(), w) != null) {
                throw new IllegalArgumentException("sync.workspaces." + w.name() + ": '" + w.name() + "' is taken"
                        + (w.isDefault() ? " (the single-workspace keys are the default workspace)" : ""));
            }
            w.teamId().ifPresent(team -> unique(teams, team, w, "team id"));
            w.webhookId().ifPresent(hook -> unique(webhooks, hook, w, "webhook id"));
        }
        this.byName = Map.copyOf(names);
        this.ordered = List.copyOf(names.values());
    }

    private static void unique(Map<String, String> seen, String id, Workspace w, String what) {
        String other = seen.putIfAbsent(id, w.name());
        if (other != null) {
            throw new IllegalArgumentException("workspaces " + other + " and " + w.name() + " have the same " + what
                    + " " + id + ": each workspace needs its own");
        }
    }

    /** Only the default workspace, as a single-workspace deployment has. */
    public static Workspaces single(Workspace defaultWorkspace) {
        return new Workspaces(List.of(defaultWorkspace));
    }

    /** Every workspace, {@code default} first, then the others by name. */
    public List<Workspace> all() {
        return ordered;
    }

    public Workspace defaultWorkspace() {
        return ordered.get(0);
    }

    public boolean single() {
        return ordered.size() == 1;
    }

    public Optional<Workspace> named(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    public Optional<Workspace> byWebhookId(String webhookId) {
        return webhookId == null ? Optional.empty()
                : ordered.stream().filter(w -> w.webhookId().filter(webhookId::equals).isPresent()).findFirst();
    }

    public Optional<Workspace> byTeamId(String teamId) {
        return teamId == null ? Optional.empty()
                : ordered.stream().filter(w -> w.teamId().filter(teamId::equals).isPresent()).findFirst();
    }

    /**
     * The workspace of an event (the rules are the class comment), or empty when none can be told.
     *
     * @param attribute the {@code workspace} attribute ingest set, or null
     * @param webhookId the body's {@code webhook_id}, or null
     * @param teamId    the body's {@code team_id}, or null
     */
    public Optional<Workspace> route(String attribute, String webhookId, String teamId) {
        if (attribute != null) {
            // Set by ingest from a verified signature: a name this instance does not know is a
            // configuration drift between functions, not a reason to guess.
            return named(attribute);
        }
        Optional<Workspace> found = byWebhookId(webhookId).or(() -> byTeamId(teamId));
        if (found.isPresent() || !single()) {
            return found;
        }
        return Optional.of(defaultWorkspace());
    }

    /** Names, for messages. */
    public List<String> names() {
        return ordered.stream().map(Workspace::name).toList();
    }
}
