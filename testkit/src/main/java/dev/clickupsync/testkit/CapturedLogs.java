package dev.clickupsync.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The formatted log lines of one logger tree while a test runs, for assertions on what is (and is never)
 * logged: a reason name, a workspace, no secret. {@link #start()} in a {@code @BeforeEach},
 * {@link #stop()} in an {@code @AfterEach}; JBoss Logging in Quarkus tests ends in {@code java.util.logging}.
 */
public final class CapturedLogs {
    private final String loggerName;
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(new SimpleFormatter().formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public CapturedLogs(String loggerName) {
        this.loggerName = loggerName;
    }

    public void start() {
        Logger.getLogger(loggerName).addHandler(handler);
    }

    public void stop() {
        Logger.getLogger(loggerName).removeHandler(handler);
    }

    /** The lines captured so far, a copy. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
