package dev.clickupsync.testkit.iam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The end-of-module IAM check, shared by the modules whose tests run functions. */
public final class IamPolicyAssertions {
    private IamPolicyAssertions() {
    }

    /**
     * Fails unless each named function made at least one recorded call (so the recorder is really
     * wired) and every recorded call is allowed; writes the report next to the recorded calls.
     */
    public static void assertEveryRecordedCallIsAllowed(String... expectedFunctions) {
        String dir = System.getProperty(AwsCallRecorder.DIR_PROPERTY);
        if (dir == null) {
            throw new AssertionError("the IAM check needs -D" + AwsCallRecorder.DIR_PROPERTY + " (the root POM sets it for surefire)");
        }
        List<AwsCall> calls = AwsCallRecorder.recordedByThisJvm();
        IamCheck.Result result = IamCheck.of(repositoryRoot().resolve("template.yaml")).check(calls);
        try {
            Files.writeString(Path.of(dir).resolve("iam-report.md"), result.report());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> silent = Arrays.stream(expectedFunctions)
                .filter(f -> !result.callsPerFunction().containsKey(f)).toList();
        if (!silent.isEmpty()) {
            throw new AssertionError("no AWS call was recorded for " + silent + " (is the recorder registered and did"
                    + " the whole module run? the IAM check needs every test class of the module)\n" + result.report());
        }
        if (!result.denied().isEmpty()) {
            throw new AssertionError(result.denied().size() + " AWS call(s) the function's role in template.yaml does not allow:\n- "
                    + String.join("\n- ", result.denied()) + "\n\n" + result.report());
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
