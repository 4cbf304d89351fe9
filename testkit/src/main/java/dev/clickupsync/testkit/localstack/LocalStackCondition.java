package dev.clickupsync.testkit.localstack;

import dev.clickupsync.testkit.quarkus.EmbeddedStack;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the suite, with the reason, when it was asked to run on LocalStack
 * ({@code -Dclickupsync.aws=localstack}, i.e. {@code -Plocalstack}) but no Docker engine answers,
 * instead of failing every test on a missing container. Registered through the JUnit service file
 * and active when extension auto-detection is on (the {@code localstack} profile turns it on).
 */
public final class LocalStackCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!EmbeddedStack.onLocalStack()) {
            return ConditionEvaluationResult.enabled("embedded emulators");
        }
        if (LocalStackAws.dockerAvailable()) {
            return ConditionEvaluationResult.enabled("LocalStack via Testcontainers");
        }
        return ConditionEvaluationResult.disabled("skipped: -Plocalstack runs the integration suite on LocalStack "
                + "through Testcontainers, and no Docker engine answers on this machine. The same suite runs on the "
                + "embedded emulators without the profile.");
    }
}
