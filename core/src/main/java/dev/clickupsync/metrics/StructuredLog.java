package dev.clickupsync.metrics;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One log line with named fields: the fields go into the MDC for the line (so the JSON console
 * format carries them as queryable keys under {@code mdc}) and are also appended as
 * {@code key=value} to the message, so plain-text output stays readable. Callers pass only
 * metadata (ids, codes, counts), never bodies, tokens or secrets.
 */
public final class StructuredLog {
    private StructuredLog() {
    }

    /** Logs {@code message} at {@code level} with fields given as alternating names and values. */
    public static void log(Logger logger, Logger.Level level, String message, Object... fields) {
        if (!logger.isEnabled(level)) {
            return;
        }
        StringBuilder text = new StringBuilder(message);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            String value = String.valueOf(fields[i + 1]);
            MDC.put(String.valueOf(fields[i]), value);
            text.append(' ').append(fields[i]).append('=').append(value.indexOf(' ') >= 0 ? '"' + value + '"' : value);
        }
        try {
            logger.log(level, text.toString());
        } finally {
            for (int i = 0; i + 1 < fields.length; i += 2) {
                MDC.remove(String.valueOf(fields[i]));
            }
        }
    }
}
