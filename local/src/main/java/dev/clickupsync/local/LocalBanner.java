package dev.clickupsync.local;

import dev.clickupsync.read.ReadApiConfig;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.SecondDemoWorkspace;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Tells a newcomer, once everything is up, what is running and how to poke it. */
@ApplicationScoped
public class LocalBanner {

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    @Inject
    ReadApiConfig readApi;

    void onStart(@Observes StartupEvent event) {
        if (LocalMain.stack() == null) {
            return;
        }
        boolean fake = LocalMain.stack().clickUp() != null;
        String base = "http://localhost:" + port;
        System.out.println("""

                clickup-sync local pipeline is up
                  ingest     POST %1$s/webhooks/clickup
                  mirror     GET  %1$s/tasks/{taskId}
                  read API   %5$s
                  health     GET  %1$s/health
                  commands   POST %1$s/admin/commands   (with SYNC_ADMIN_ENABLED=true; README "Send a command")
                  console    %1$s/console/   (with SYNC_ADMIN_ENABLED=true; README "Console")
                  ClickUp    %2$s%6$s
                  DynamoDB   %3$s (dynalite, in memory)   SQS %4$s (ElasticMQ)

                Try it:
                  # change a task in the fake ClickUp; it sends the signed webhook here
                  curl -s -X POST '%1$s/local/demo/tasks/86c0aa001?status=review'
                  curl -s %1$s/tasks/86c0aa001

                  # or send the signed sample yourself (secret: local-dev-webhook-secret)
                  body=$(jq -r .body events/webhook-task-status-updated.apigw-v2.json)
                  sig=$(printf '%%s' "$body" | openssl dgst -sha256 -hmac local-dev-webhook-secret | sed 's/^.* //')
                  curl -s -H 'Content-Type: application/json' -H "X-Signature: $sig" --data-binary "$body" %1$s/webhooks/clickup
                """.formatted(base,
                fake ? LocalMain.stack().clickUp().baseUrl() + " (fake, demo workspace)" : "real (CLICKUP_API_URL)",
                LocalMain.stack().emulator().dynamoDbEndpoint(), LocalMain.stack().emulator().sqsEndpoint(),
                readApi.enabled() ? "GET  " + base + readApi.prefix() + "/task/{taskId}   (Authorization: a read token;"
                        + " local default local-dev-read-token; docs/read-api.md)" : "off (SYNC_READ_API_ENABLED=false)",
                second()));
    }

    /** The second fake workspace's line (LOCAL_WORKSPACES=2), or nothing. */
    private static String second() {
        FakeClickUp acme = LocalMain.stack().secondClickUp();
        return acme == null ? "" : "\n             " + acme.baseUrl() + " (fake, \"" + SecondDemoWorkspace.TEAM_NAME
                + "\" workspace, team " + SecondDemoWorkspace.TEAM_ID + "; try POST " + "/local/demo/tasks/"
                + SecondDemoWorkspace.TASK_ONBOARDING + "?name=Onboarded)";
    }
}
