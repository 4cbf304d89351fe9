/**
 * Several ClickUp workspaces, each with its own token, in one deployment (issue #17).
 *
 * <h2>The pieces</h2>
 * <ul>
 *   <li>{@link dev.clickupsync.workspace.WorkspacesConfig}: {@code sync.workspaces.<name>.*}, one entry per
 *       further workspace; the single-workspace keys are the workspace {@code default}, so a deployment with
 *       no entry is unchanged;</li>
 *   <li>{@link dev.clickupsync.workspace.Workspaces}: the registry (built by {@code WorkspaceBeans}) and the
 *       one rule for which workspace an event belongs to;</li>
 *   <li>{@link dev.clickupsync.workspace.ClickUpClients}: a ClickUp client per workspace, each with its
 *       token's own rate-budget cell and circuit breaker.</li>
 * </ul>
 *
 * <h2>An event's way</h2>
 * Ingest ({@code webhook/WebhookIngestor}) verifies the signature under every workspace's secrets (all of
 * them, constant time each, nothing parsed first), refuses a body whose configured webhook belongs to a
 * workspace that did not sign it, and queues the event with the attribute {@code workspace}. The drain
 * ({@code drain/DrainProcessor}) finds the workspace by that attribute, else by the body's configured
 * {@code webhook_id}, else (one workspace only) {@code default}; otherwise it parks the event
 * ({@code unknown_workspace}). Its ClickUp calls then go through that workspace's client by a per-thread
 * {@code clickup/ClickUpRoute}, so the layers below the drain (task expansion, field cache, comments,
 * hierarchy) need no workspace parameter.
 *
 * <h2>Invariants</h2>
 * No ClickUp call is ever made with a token the event's workspace does not own; a workspace's budget, breaker,
 * 429 or revoked token stops only that workspace's events ({@code drain/WorkspaceStops}); no secret or token
 * appears in a log, metric, exception or {@code toString}.
 *
 * <h2>Reconcile</h2>
 * Every further workspace's team is reconciled, named in {@code sync.reconcile.team-ids} or not, over its own
 * {@code reconcile-space-ids} / {@code reconcile-list-ids} ({@link dev.clickupsync.workspace.WorkspaceReconcileTeams},
 * the {@code clickup.WorkspaceTeams} that {@code reconcile.TeamScopes} reads); the global keys keep describing
 * the default workspace. Each step of a team goes through that workspace's client
 * ({@link dev.clickupsync.workspace.WorkspaceTeamRoutes}, the {@code clickup.TeamRoutes} reconcile opens around
 * each step of a team): its token and its budget cell. Reconcile's budget share is counted on that token's
 * own reconcile cell ({@code clickup.TeamRoutes#tokenKey}), so a spent share stops only that workspace's
 * steps; the run still reports {@code budget} and skips the deletion sweep.
 *
 * <h2>Admin, health and status</h2>
 * The admin resync reads a task with the token of the workspace that owns it ({@code admin.TaskResync});
 * health and {@code GET /admin/status} list every workspace ({@link dev.clickupsync.workspace.WorkspaceStates}:
 * token set or unset, breaker, budget cells), never a token.
 *
 * <h2>Webhooks</h2>
 * Each workspace with a team id has its own webhook, kept by its own lifecycle through its own client
 * ({@code webhook/registry/WebhookLifecycles}); the registry records each webhook's workspace, ingest accepts
 * a registry secret only for that workspace, and a gap in one workspace's webhook rewinds only its teams
 * ({@code reconcile/ScheduledReconcile}). The drain finds a registry webhook's workspace by the
 * {@code workspace} attribute, which ingest always sets when there are several workspaces, so it never reads
 * the registry.
 *
 * <h2>Digest and commands</h2>
 * The digest ({@code digest/StandupDigest}) runs every workspace's {@code digest-scopes} and queues each comment
 * naming its workspace; a command runs in the workspace it names, else the one the mirror says owns its task or
 * list, else {@code default}, decided at submit ({@code command/CommandWorkspaces}), and is executed under that
 * workspace's {@code ClickUpRoute} only ({@code command/CommandProcessor}).
 *
 * <h2>Not yet per workspace</h2>
 * {@code GET /health}'s ClickUp connectivity check ({@code GET /user}) uses the {@code default} workspace's
 * token only (docs/deploy.md).
 */
package dev.clickupsync.workspace;
