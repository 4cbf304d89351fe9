package dev.clickupsync.http;

import java.util.Optional;

/**
 * Who API Gateway says is calling, for routes it has already authorized with its {@code AWS_IAM}
 * authorizer: the caller's IAM ARN as the gateway wrote it into the Lambda event's
 * {@code requestContext.authorizer.iam.userArn}.
 *
 * <p>Only the gateway writes the request context: a client cannot put it into an HTTP request, and a
 * route without the IAM authorizer carries none. So a present caller proves that a SigV4-signed
 * request passed IAM for this route; an absent one proves nothing. Outside Lambda (the local
 * pipeline, plain HTTP) there is never a caller ({@link NoGatewayCaller}); the ingest artifact
 * reads it from the event it is serving ({@code dev.clickupsync.ingest.LambdaGatewayCaller}).
 */
public interface GatewayCaller {

    /** The IAM caller of the request being served, or empty when the gateway authorized none. */
    Optional<String> iamCaller();
}
