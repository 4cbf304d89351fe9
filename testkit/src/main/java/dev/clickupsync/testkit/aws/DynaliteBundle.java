package dev.clickupsync.testkit.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * dynalite and its npm dependencies, as the build installed them ({@code npm ci} from testkit's
 * committed lock file) and zipped into this jar with our launcher. Extracted once per machine and
 * bundle version into {@code <tmpdir>/clickup-sync-dynalite/<hash>}: the folder name is the zip's
 * SHA-256, so a changed bundle gets a new folder, and parallel JVMs extract into private folders
 * and publish with an atomic rename (the loser of that race uses the winner's folder).
 *
 * <p>Bundled rather than found in {@code testkit/node_modules} so that the local and bench
 * applications run from their jars anywhere, with nothing but Node.js on the PATH.
 */
public final class DynaliteBundle {
    static final String RESOURCE = "/clickup-sync-testkit/dynalite.zip";
    private static volatile Path extracted;

    private DynaliteBundle() {
    }

    /** The folder that holds {@code dynalite-child.js} and {@code node_modules/}. */
    public static Path extracted() {
        Path dir = extracted;
        if (dir == null) {
            synchronized (DynaliteBundle.class) {
                if (extracted == null) {
                    extracted = extract(Path.of(System.getProperty("java.io.tmpdir"), "clickup-sync-dynalite"));
                }
                dir = extracted;
            }
        }
        return dir;
    }

    static Path extract(Path root) {
        byte[] zip = bundleBytes();
        Path target = root.resolve(sha256(zip).substring(0, 16));
        if (Files.isRegularFile(target.resolve("dynalite-child.js"))) {
            return target;
        }
        try {
            Files.createDirectories(root);
            Path staging = root.resolve(".staging-" + UUID.randomUUID());
            unzip(zip, staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException lost) {
                deleteTree(staging);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract dynalite into " + root, e);
        }
    }

    private static byte[] bundleBytes() {
        try (InputStream in = DynaliteBundle.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new EmulatorUnavailableException("the testkit jar carries no dynalite bundle (" + RESOURCE
                        + "); build the project with Maven, which runs npm ci in testkit and bundles it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    private static void unzip(byte[] zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("zip entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
