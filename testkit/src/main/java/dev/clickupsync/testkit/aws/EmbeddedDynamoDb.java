package dev.clickupsync.testkit.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * AWS's own DynamoDB Local, in memory, on a free loopback port.
 *
 * <p>DynamoDB Local reaches SQLite through sqlite4java's JNI libraries. The testkit jar carries them
 * (copied there at build time, see testkit/pom.xml); they are extracted once per JVM into a temporary
 * folder and {@code sqlite4java.library.path} points there, so this works the same under Maven, from
 * the local run's packaged jar and in the bench.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {
    private static final String NATIVES = "/clickup-sync-testkit/sqlite4java/";
    private static final List<String> NATIVE_FILES = List.of(
            "libsqlite4java-linux-amd64.so", "libsqlite4java-linux-i386.so", "libsqlite4java-osx.dylib",
            "sqlite4java-win32-x64.dll", "sqlite4java-win32-x86.dll");

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedDynamoDb start() {
        prepareNativeLibraries();
        return FreePort.withRetries(EmbeddedDynamoDb::startOn);
    }

    private static EmbeddedDynamoDb startOn(int port) {
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
            server.start();
            return new EmbeddedDynamoDb(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    private static synchronized void prepareNativeLibraries() {
        if (System.getProperty("sqlite4java.library.path") != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("clickup-sync-sqlite4java");
            dir.toFile().deleteOnExit();
            for (String name : NATIVE_FILES) {
                try (InputStream in = EmbeddedDynamoDb.class.getResourceAsStream(NATIVES + name)) {
                    if (in != null) {
                        Path target = dir.resolve(name);
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        target.toFile().deleteOnExit();
                    }
                }
            }
            System.setProperty("sqlite4java.library.path", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract sqlite4java native libraries", e);
        }
    }
}
