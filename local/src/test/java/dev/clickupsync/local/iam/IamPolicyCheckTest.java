package dev.clickupsync.local.iam;

import dev.clickupsync.testkit.iam.IamPolicyAssertions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of this module (the module POM has Quarkus order classes by
 * {@code @Order}) and holds every AWS call their code made against the role template.yaml gives the
 * function that made it: a call the role does not allow fails the build, naming the function, the
 * call and the statement it lacks. The report, with the statements no call needed, is written to
 * target/aws-calls/iam-report.md.
 */
@Order(Integer.MAX_VALUE)
class IamPolicyCheckTest {

    @Test
    void everyAwsCallTheLocalPipelineMakesIsAllowedByTheRoleOfTheFunctionThatMakesItOnAws() {
        IamPolicyAssertions.assertEveryRecordedCallIsAllowed(
                "IngestFunction", "AdminFunction", "DrainFunction", "CommandsFunction", "ReadFunction");
    }
}
