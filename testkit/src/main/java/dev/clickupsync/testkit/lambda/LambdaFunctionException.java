package dev.clickupsync.testkit.lambda;

/**
 * A function booted by {@link LambdaFunction} did not answer as Lambda would have let it: init error,
 * process death, timeout. The message carries the process's state, its Runtime API calls and the
 * tail of its output (secrets masked).
 */
public class LambdaFunctionException extends RuntimeException {
    public LambdaFunctionException(String message, Throwable cause) {
        super(message, cause);
    }
}
