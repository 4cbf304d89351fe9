package dev.clickupsync.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.clickupsync.architecture.fixture.cycle.a.Alpha;
import dev.clickupsync.infra.SyncConfig;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No package of core's main code depends, directly or through others, on a package that depends
 * on it: each top-level package under {@code dev.clickupsync} is one slice, and the slices form a
 * DAG. Only the main classes are imported (the directory {@code SyncConfig} was loaded from), so
 * tests and their fixtures never count. The second test evaluates the same rule on a two-package
 * fixture cycle, proving the check can fail and that its report names the cycle.
 */
class NoPackageCyclesTest {

    /** The rule for any root package: one slice per first package segment below it. */
    static ArchRule noCyclesBelow(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles();
    }

    @Test
    void coreMainPackagesFormNoCycle() {
        URL mainClasses = SyncConfig.class.getProtectionDomain().getCodeSource().getLocation();
        JavaClasses core = new ClassFileImporter().importUrl(mainClasses);
        assertThat(core.containPackage("dev.clickupsync.reconcile")).as("core's main classes were imported").isTrue();

        noCyclesBelow("dev.clickupsync").check(core);
    }

    @Test
    void aCycleBetweenTwoPackagesIsReported() {
        JavaClasses fixture = new ClassFileImporter().importPackagesOf(Alpha.class,
                dev.clickupsync.architecture.fixture.cycle.b.Beta.class);

        EvaluationResult result = noCyclesBelow("dev.clickupsync.architecture.fixture.cycle").evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("Cycle detected")
                .contains("Slice a")
                .contains("Slice b");
    }
}
