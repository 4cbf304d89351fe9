package dev.clickupsync.ingest.iam;

import dev.clickupsync.status.CloudWatchInterceptor;
import dev.clickupsync.testkit.iam.AwsCallRecorder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Tests only: testkit's AWS call recorder on the status's plain CloudWatch client, which Quarkus does
 * not manage (so {@code %test.quarkus.<service>.interceptors} cannot reach it): a
 * {@link CloudWatchInterceptor} bean, which {@code status/StatusCloudWatch} adds to that client, so
 * {@link IamPolicyCheckTest} holds its {@code GetMetricData} calls against the admin function's role.
 */
@Singleton
public class StatusCloudWatchRecorder {

    @Produces
    @Singleton
    @CloudWatchInterceptor
    ExecutionInterceptor recorder() {
        return new AwsCallRecorder();
    }
}
