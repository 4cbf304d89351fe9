package dev.clickupsync.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.clickupsync.webhook.IncomingWebhook;
import dev.clickupsync.webhook.WebhookIngestor;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * API Gateway's part for the chaos bench: {@code POST /webhooks/clickup} on loopback hands the exact
 * body bytes and the headers ClickUp sends to the real {@link WebhookIngestor} (as the HTTP function's
 * resource does) and answers its status, so the fake's push mode sees what ClickUp would see.
 */
final class ChaosEndpoint implements AutoCloseable {
    private final WebhookIngestor ingestor;
    private final HttpServer server;
    private final ExecutorService threads;

    ChaosEndpoint(WebhookIngestor ingestor) throws IOException {
        this.ingestor = ingestor;
        this.threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "chaos-ingest");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/webhooks/clickup", this::ingest);
        server.setExecutor(threads);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/clickup");
    }

    private void ingest(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            IncomingWebhook request = new IncomingWebhook(body, exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Signature"), length == null ? -1 : Long.parseLong(length),
                    Instant.now());
            exchange.sendResponseHeaders(ingestor.ingest(request).status(), -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
