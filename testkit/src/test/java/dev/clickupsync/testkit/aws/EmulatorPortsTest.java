package dev.clickupsync.testkit.aws;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emulators started at once must not collide on a port: a test resource that loses that race
 * fails a whole test class (seen in CI: ElasticMQ "Address already in use").
 */
class EmulatorPortsTest {

    @Test
    void neverHandsOutTheSamePortTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertThat(ports.add(FreePort.pick())).isTrue();
        }
    }

    @Test
    void aLostBindIsRetriedOnAnotherPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger attempts = new AtomicInteger();
            int port = FreePort.withRetries(p -> {
                if (attempts.getAndIncrement() == 0) {
                    throw new IllegalStateException("Address already in use: " + taken.getLocalPort());
                }
                return p;
            });
            assertThat(attempts).hasValue(2);
            assertThat(port).isPositive();
        }
    }

    @Test
    void severalQueuesStartedTogetherAllComeUp() {
        List<CompletableFuture<EmbeddedSqs>> starting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starting.add(CompletableFuture.supplyAsync(EmbeddedSqs::start));
        }
        List<EmbeddedSqs> started = starting.stream().map(CompletableFuture::join).toList();
        try {
            assertThat(started.stream().map(EmbeddedSqs::endpoint).distinct()).hasSize(4);
        } finally {
            started.forEach(EmbeddedSqs::close);
        }
    }
}
