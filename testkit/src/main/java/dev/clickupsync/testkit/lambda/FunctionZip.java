package dev.clickupsync.testkit.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Extracts a Lambda deployment package the way Lambda lays it out in {@code /var/task}. */
public final class FunctionZip {
    private FunctionZip() {
    }

    /** Extracts {@code zip} into a new temporary directory and returns it (the caller deletes it). */
    public static Path extract(Path zip) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException(zip.toAbsolutePath() + " does not exist: package the function first "
                    + "(the Quarkus build writes target/function.zip; run the *IT tests with `mvn verify`)");
        }
        Path root;
        try {
            root = Files.createTempDirectory("lambda-task-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            LambdaFunction.deleteTree(root);
            throw new UncheckedIOException("cannot extract " + zip, e);
        }
        return root;
    }
}
