package dev.clickupsync.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.clickupsync.architecture.fixture.WorkflowCatchingTransportFailures;
import dev.clickupsync.clickup.ClickUpCalls;
import dev.clickupsync.drain.DrainProcessor;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP client's and the fault-tolerance guard's exception types are known in {@code clickup} only:
 * every other package asks {@code ClickUpFailures} what a failure means, so the reasons have one source.
 * {@code llm} is the other HTTP client boundary (an LLM, not ClickUp): its own failures become
 * {@code LlmException} reasons there. testkit is the oracle, not production code.
 */
class FailureTypesStayInClickUpTest {

    private static final DescribedPredicate<JavaClass> TRANSPORT_FAILURES =
            assignableTo(ProcessingException.class)
                    .or(assignableTo(WebApplicationException.class))
                    .or(resideInAnyPackage("org.eclipse.microprofile.faulttolerance.exceptions.."))
                    .or(resideInAnyPackage("io.smallrye.faulttolerance..").and(assignableTo(Throwable.class)))
                    .as("the REST client's or the fault-tolerance guard's exception types");

    static final ArchRule RULE = noClasses()
            .that().resideOutsideOfPackages("dev.clickupsync.clickup..", "dev.clickupsync.llm..", "dev.clickupsync.testkit..")
            .should().dependOnClassesThat(TRANSPORT_FAILURES)
            .because("ClickUpFailures is the one place that turns them into a decision and a reason (issue #15)");

    @Test
    void noProductionClassOutsideClickUpDependsOnTransportFailureTypes() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.clickupsync");
        // Not vacuous: the workflows are imported, and clickup itself does use the types.
        assertThat(production.contain(DrainProcessor.class)).isTrue();
        assertThat(production.get(ClickUpCalls.class).getDirectDependenciesFromSelf())
                .anyMatch(d -> d.getTargetClass().isEquivalentTo(ProcessingException.class));

        RULE.check(production);
    }

    @Test
    void aWorkflowCatchingATransportFailureIsReported() {
        EvaluationResult result = RULE.evaluate(new ClassFileImporter().importClasses(WorkflowCatchingTransportFailures.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(WorkflowCatchingTransportFailures.class.getName())
                        && line.contains(ProcessingException.class.getName()))
                .anyMatch(line -> line.contains("CircuitBreakerOpenException"));
    }
}
