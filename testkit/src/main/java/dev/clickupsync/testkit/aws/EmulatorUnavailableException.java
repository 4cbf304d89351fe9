package dev.clickupsync.testkit.aws;

/**
 * An embedded emulator cannot run on this machine for a reason the user must fix (a missing or too
 * old Node.js). The message says what to install; callers that face a person (the local run, the
 * bench) print it without a stack trace.
 */
public final class EmulatorUnavailableException extends IllegalStateException {
    public EmulatorUnavailableException(String message) {
        super(message);
    }
}
