package dev.clickupsync.testkit.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * A loopback port nobody listens on right now. There is a race until the caller binds it, which
 * matters when several emulators start at once: the OS may offer a port it just handed to a
 * sibling's probe. So this JVM never hands out the same port twice, and callers retry a failed
 * bind with a new port ({@link #withRetries}).
 */
public final class FreePort {
    private static final Set<Integer> ISSUED = ConcurrentHashMap.newKeySet();
    private static final int ATTEMPTS = 5;

    private FreePort() {
    }

    public static int pick() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                int port = socket.getLocalPort();
                if (ISSUED.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port", e);
            }
        }
        throw new IllegalStateException("no loopback port that this JVM has not already handed out");
    }

    /** Starts something on a fresh port, trying again with another port when the bind loses a race. */
    public static <T> T withRetries(IntFunction<T> startOnPort) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return startOnPort.apply(pick());
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }
}
