package dev.clickupsync.testkit.lambda;

/**
 * What a function answered to one invocation, as the Runtime API received it: the payload it
 * POSTed to {@code /invocation/{id}/response}, or the error document it POSTed to
 * {@code /invocation/{id}/error} together with its {@code Lambda-Runtime-Function-Error-Type}.
 *
 * @param requestId  the {@code Lambda-Runtime-Aws-Request-Id} the invocation carried
 * @param payload    the response body (UTF-8), or the error document when {@link #isError()}
 * @param errorType  the function error type, or null for a successful invocation
 * @param durationMs from the runtime picking the event up to its answer
 */
public record InvocationResult(String requestId, String payload, String errorType, long durationMs) {

    public boolean isError() {
        return errorType != null;
    }

    @Override
    public String toString() {
        return (isError() ? "error " + errorType + ": " : "response: ") + payload + " (" + durationMs + " ms, request " + requestId + ")";
    }
}
