package dev.clickupsync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * ClickUp's documented examples, copied under {@code src/test/resources/fixtures/} (data only, so the
 * tests never depend on a checkout beside the repository).
 */
public final class Fixtures {
    public static final String WEBHOOK_PAYLOADS = "fixtures/webhook_payloads";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String resource) {
        try {
            return JSON.readTree(bytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode webhookPayload(String fileName) {
        return (ObjectNode) json(WEBHOOK_PAYLOADS + "/" + fileName);
    }

    /** File names of every example webhook payload, sorted. */
    public static List<String> webhookPayloadNames() {
        URL dir = Fixtures.class.getClassLoader().getResource(WEBHOOK_PAYLOADS);
        if (dir == null) {
            throw new IllegalStateException("missing test resource folder " + WEBHOOK_PAYLOADS);
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
