package dev.clickupsync.workspace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link Workspaces} bean: {@code default} from the single-workspace keys, then
 * {@code sync.workspaces.*}. The single-workspace keys are read as plain optional keys rather than
 * through their mappings, because each application maps only some of them (ingest has no token, the
 * worker no webhook secret); the mappings that own them still validate them where they are used.
 */
@ApplicationScoped
public class WorkspaceBeans {
    static final String TOKEN = "clickup.api.token";
    static final String SECRET = "clickup.webhook.secret";
    static final String PREVIOUS_SECRET = "clickup.webhook.previous-secret";
    static final String TEAM_ID = "sync.webhook-lifecycle.team-id";
    static final String URL = "clickup.api.url";

    @Produces
    @Singleton
    Workspaces workspaces(Config config, WorkspacesConfig configured) {
        return from(config, configured);
    }

    static Workspaces from(Config config, WorkspacesConfig configured) {
        List<Workspace> all = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        config.getOptionalValue(SECRET, String.class).filter(WorkspaceBeans::isSet).ifPresent(secrets::add);
        config.getOptionalValue(PREVIOUS_SECRET, String.class).filter(WorkspaceBeans::isSet).ifPresent(secrets::add);
        all.add(new Workspace(Workspace.DEFAULT, config.getOptionalValue(TEAM_ID, String.class),
                config.getOptionalValue(TOKEN, String.class), secrets, Optional.empty(), Optional.empty(),
                list(config, "sync.reconcile.space-ids"), list(config, "sync.reconcile.list-ids"),
                list(config, "sync.digest.scopes")));
        for (Map.Entry<String, WorkspacesConfig.Entry> named : new TreeMap<>(configured.named()).entrySet()) {
            WorkspacesConfig.Entry e = named.getValue();
            all.add(new Workspace(named.getKey(), Optional.of(e.teamId()), e.token(),
                    e.webhookSecret().filter(WorkspaceBeans::isSet).map(List::of).orElse(List.of()), e.webhookId(),
                    e.apiUrl(), e.reconcileSpaceIds().orElse(List.of()), e.reconcileListIds().orElse(List.of()),
                    e.digestScopes().orElse(List.of())));
        }
        return new Workspaces(all);
    }

    private static List<String> list(Config config, String key) {
        return config.getOptionalValues(key, String.class).orElse(List.of());
    }

    /** SSM cannot store an empty string: the deployment writes {@code -} for "none" (as for the previous secret). */
    static boolean isSet(String secret) {
        return secret != null && !secret.isBlank() && !"-".equals(secret.trim());
    }
}
