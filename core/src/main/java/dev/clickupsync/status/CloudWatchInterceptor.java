package dev.clickupsync.status;

import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean of type {@code software.amazon.awssdk.core.interceptor.ExecutionInterceptor} that
 * {@link StatusCloudWatch} adds to its CloudWatch client. Production declares none; the tests produce
 * testkit's AWS call recorder with it, so the IAM check holds this client's calls against the admin
 * function's role. A bean, not a class name read from configuration: nothing is instantiated by
 * reflection, so a native image needs no registration for it.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface CloudWatchInterceptor {
}
