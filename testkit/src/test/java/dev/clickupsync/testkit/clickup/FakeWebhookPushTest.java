package dev.clickupsync.testkit.clickup;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.clickupsync.testkit.WebhookSigning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Push mode: the fake POSTs deliveries itself, keeps the webhook's health, and can lose a seeded share. */
class FakeWebhookPushTest {

    private static final String TASK = DemoWorkspace.TASK_LOGIN_BUG;

    private final FakeWorkspace workspace = FakeWorkspace.demo();
    private final FakeClickUp fake = FakeClickUp.start(workspace);
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private final HttpServer receiver = receiver();

    @AfterEach
    void stop() {
        fake.close();
        receiver.stop(0);
    }

    @Test
    void pushIsOffByDefault() {
        workspace.registerWebhook(endpoint(), Set.of("*"));

        workspace.updateTask(TASK, c -> c.name("not pushed"));

        assertThat(bodies).isEmpty();
    }

    @Test
    void pushesSignedDeliveriesToEachEndpoint() throws Exception {
        WebhookRegistration hook = workspace.registerWebhook(endpoint(), Set.of("taskStatusUpdated", "taskCommentPosted"));
        WebhookPusher pusher = fake.pushWebhooks(0, 1L);

        List<WebhookDelivery> status = workspace.updateTask(TASK, c -> c.status("review").name("renamed"));
        workspace.postComment(TASK, DemoWorkspace.ALAN, "pushed comment");
        assertThat(pusher.awaitIdle(Duration.ofSeconds(5))).isTrue();

        assertThat(bodies).hasSize(2);
        WebhookDelivery mine = status.stream().filter(d -> d.webhookId().equals(hook.id())).findFirst().orElseThrow();
        assertThat(bodies.get(0)).isEqualTo(mine.bodyString());
        assertThat(signatures.get(0)).isEqualTo(WebhookSigning.sign(bodies.get(0), hook.secret()));
        assertThat(bodies.get(1)).contains("\"event\":\"taskCommentPosted\"");
        assertThat(pusher.delivered()).isEqualTo(2);
        assertThat(workspace.webhook(hook.id()).orElseThrow().status()).isEqualTo("active");
    }

    @Test
    void failuresCountIntoHealthAndA410SuspendsAtOnce() throws Exception {
        WebhookRegistration hook = workspace.registerWebhook(endpoint(), Set.of("*"));
        WebhookPusher pusher = fake.pushWebhooks(WebhookPusher.Options.of(0, 1L).withRetries(2, Duration.ZERO));
        answer.set(500);

        workspace.updateTask(TASK, c -> c.name("a").name("b"));
        assertThat(pusher.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(pusher.attempts()).isEqualTo(6);
        assertThat(workspace.webhook(hook.id()).orElseThrow()).satisfies(w -> {
            assertThat(w.status()).isEqualTo("failing");
            assertThat(w.failCount()).isEqualTo(2);
        });

        answer.set(200);
        workspace.updateTask(TASK, c -> c.name("c"));
        assertThat(pusher.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(workspace.webhook(hook.id()).orElseThrow().status()).isEqualTo("active");

        answer.set(410);
        workspace.updateTask(TASK, c -> c.name("d"));
        assertThat(pusher.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(workspace.webhook(hook.id()).orElseThrow().status()).isEqualTo("suspended");
        assertThat(workspace.updateTask(TASK, c -> c.name("e"))).extracting(WebhookDelivery::webhookId)
                .containsExactly(DemoWorkspace.WEBHOOK_ID);
    }

    @Test
    void aSeededShareOfDeliveriesIsLost() throws Exception {
        workspace.clearWebhooks();
        workspace.registerWebhook(endpoint(), Set.of("taskUpdated"));
        WebhookPusher pusher = fake.pushWebhooks(0.25, 99L);

        for (int i = 0; i < 80; i++) {
            String name = "name " + i;
            workspace.updateTask(TASK, c -> c.name(name));
        }
        assertThat(pusher.awaitIdle(Duration.ofSeconds(5))).isTrue();

        assertThat(bodies.size() + pusher.dropped()).isEqualTo(80);
        assertThat(pusher.delivered()).isEqualTo(bodies.size());
        assertThat(pusher.dropped()).isBetween(8, 32);
        assertThat(pusher.acknowledgedDeliveries()).as("which ones, not just how many")
                .hasSize(bodies.size()).doesNotContainAnyElementsOf(pusher.droppedDeliveries());
        assertThat(pusher.droppedDeliveries()).hasSize(pusher.dropped());
        assertThat(pusher.acknowledgedDeliveries().stream().map(WebhookDelivery::bodyString).toList())
                .containsExactlyElementsOf(bodies);
    }

    private String endpoint() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hook", exchange -> {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                signatures.add(exchange.getRequestHeaders().getFirst("X-Signature"));
                exchange.sendResponseHeaders(answer.get(), -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
