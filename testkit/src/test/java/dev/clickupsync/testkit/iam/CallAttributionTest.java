package dev.clickupsync.testkit.iam;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which function a call belongs to, from real classes standing in for stack frames (the project's
 * own main classes are not on testkit's class path, so JDK and testkit classes play them; the rules
 * match by name prefix).
 */
class CallAttributionTest {
    // Stand-ins: "entries" name these classes' prefixes.
    private static final Class<?> DIGEST_ENTRY = java.util.ArrayList.class;
    private static final Class<?> COMMANDS_ENTRY = java.util.HashMap.class;
    private static final Class<?> STORE = java.util.TreeMap.class;

    private final CallAttribution rules = new CallAttribution("",
            Map.of("java.util.ArrayList", "DigestFunction", "java.util.HashMap", "CommandsFunction"),
            Map.of("reconcile-", "ReconcileFunction"), List.of("java.util.Provisioner"));

    @Test
    void theOutermostEntryDecidesSoWorkStartedByOneFunctionIsItsOwn() {
        // innermost first: store <- commands code <- digest entry (the digest running command code itself)
        CallAttribution.Decision decision = rules.decide(List.of(STORE, COMMANDS_ENTRY, DIGEST_ENTRY), "main");

        assertThat(decision.kind()).isEqualTo(CallAttribution.Decision.Kind.FUNCTION);
        assertThat(decision.function()).isEqualTo("DigestFunction");
    }

    @Test
    void aTestHelperBetweenTwoEntriesEndsTheFunctionsPartOfTheStack() {
        // store <- commands processor <- a test helper running it inline <- digest
        CallAttribution.Decision decision = rules.decide(
                List.of(STORE, COMMANDS_ENTRY, CallAttributionTest.class, DIGEST_ENTRY), "main");

        assertThat(decision.function()).isEqualTo("CommandsFunction");
    }

    @Test
    void theSdkCalledFromTestCodeIsAFixture() {
        assertThat(rules.decide(List.of(CallAttributionTest.class, DIGEST_ENTRY), "main").kind())
                .isEqualTo(CallAttribution.Decision.Kind.TEST_FIXTURE);
    }

    @Test
    void aWorkerThreadWithoutAnEntryIsAttributedByItsName() {
        assertThat(rules.decide(List.of(STORE), "reconcile-writer").function()).isEqualTo("ReconcileFunction");
        assertThat(rules.decide(List.of(STORE), "pool-1-thread-1").kind()).isEqualTo(CallAttribution.Decision.Kind.UNATTRIBUTED);
    }

    @Test
    void testkitsOwnClassesAreNeitherCodeUnderTestNorHarness() {
        assertThat(rules.decide(List.of(CallAttribution.class, STORE, COMMANDS_ENTRY), "main").function())
                .isEqualTo("CommandsFunction");
    }

    @Test
    void testCodeCallingTheSdkItselfIsAFixture() {
        assertThat(CallAttribution.isTestCode(CallAttributionTest.class)).isTrue();
        assertThat(CallAttribution.isTestCode(CallAttribution.class)).isFalse();
    }
}
