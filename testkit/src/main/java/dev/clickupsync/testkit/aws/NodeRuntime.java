package dev.clickupsync.testkit.aws;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Node.js that runs dynalite: {@code node} on the {@code PATH}, at least version 20
 * (dynalite 4 needs it). Checked once per JVM; a missing or old one is an
 * {@link EmulatorUnavailableException} that says what to install.
 */
public final class NodeRuntime {
    static final int MIN_MAJOR = 20;
    private static final Pattern VERSION = Pattern.compile("^v(\\d+)\\.");
    private static final String HOW_TO_INSTALL =
            "Install Node.js " + MIN_MAJOR + "+ with npm (https://nodejs.org/ or your package manager) and try again.";
    private static volatile String checked;

    private NodeRuntime() {
    }

    /** The path of a usable {@code node} executable. */
    public static String require() {
        String node = checked;
        if (node == null) {
            synchronized (NodeRuntime.class) {
                if (checked == null) {
                    checked = check(System.getenv("PATH"));
                }
                node = checked;
            }
        }
        return node;
    }

    /** Finds and checks {@code node} on the given search path; visible for tests. */
    static String check(String searchPath) {
        Path node = find(searchPath).orElseThrow(() -> new EmulatorUnavailableException(
                "dynalite (the embedded DynamoDB) needs Node.js " + MIN_MAJOR + " or newer, and `node` was not found on"
                        + " the PATH. " + HOW_TO_INSTALL));
        String version = version(node);
        Matcher m = VERSION.matcher(version);
        if (!m.find() || Integer.parseInt(m.group(1)) < MIN_MAJOR) {
            throw new EmulatorUnavailableException("dynalite (the embedded DynamoDB) needs Node.js " + MIN_MAJOR
                    + " or newer; " + node + " is " + (version.isBlank() ? "of an unknown version" : version) + ". "
                    + HOW_TO_INSTALL);
        }
        return node.toString();
    }

    private static Optional<Path> find(String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(Pattern.quote(File.pathSeparator))) {
            for (String name : new String[] {"node", "node.exe"}) {
                if (dir.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String version(Path node) {
        try {
            Process p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
