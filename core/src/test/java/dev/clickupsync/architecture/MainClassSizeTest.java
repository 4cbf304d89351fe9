package dev.clickupsync.architecture;

import dev.clickupsync.infra.SyncConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code .java} file under core's {@code src/main} stays under {@value #LIMIT} lines, so no
 * class grows past what a reader takes in at once (the house standard; most are under 300). The
 * files are read from the source tree beside the compiled classes; the rule itself is a plain
 * function, shown failing on a synthetic input.
 */
class MainClassSizeTest {
    static final int LIMIT = 400;

    /** The files of {@code linesByFile} at or over {@code limit} lines, as "path: N lines", sorted. */
    static List<String> oversized(Map<String, Integer> linesByFile, int limit) {
        return new TreeMap<>(linesByFile).entrySet().stream()
                .filter(e -> e.getValue() >= limit)
                .map(e -> e.getKey() + ": " + e.getValue() + " lines")
                .toList();
    }

    @Test
    void everyCoreMainFileIsUnder400Lines() throws IOException {
        Path sources = coreMainSources();
        Map<String, Integer> lines = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> lines.put(
                    sources.relativize(f).toString().replace('\\', '/'), lineCount(f)));
        }
        assertThat(lines).as("core's main sources were read").containsKey("dev/clickupsync/infra/SyncConfig.java");

        assertThat(oversized(lines, LIMIT)).as("split these along their seams").isEmpty();
    }

    @Test
    void aFileAtOrOverTheLimitIsReported() {
        Map<String, Integer> synthetic = Map.of("a/Small.java", 120, "a/Edge.java", 400, "b/Big.java", 750, "a/Just.java", 399);

        assertThat(oversized(synthetic, LIMIT)).containsExactly("a/Edge.java: 400 lines", "b/Big.java: 750 lines");
    }

    /** {@code core/src/main/java}, found from where the main classes were compiled to ({@code core/target/classes}). */
    private static Path coreMainSources() {
        try {
            Path classes = Path.of(SyncConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path sources = classes.getParent().getParent().resolve("src/main/java");
            assertThat(sources).isDirectory();
            return sources;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int lineCount(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return (int) lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
