package dev.clickupsync.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How far a long bench phase has got, on stderr, so that a run of minutes is not silent: a line when
 * the phase starts, at most one line every {@link #EVERY} while it runs (counts, percent, rate and
 * ETA when the total is known; none once all is done), and a line when it ends. On a terminal ({@code System.console()
 * != null}) the running lines overwrite each other with {@code \r} instead, as a bar, at most every
 * {@link #EVERY_ON_TERMINAL}.
 *
 * <p>ETA is the elapsed time scaled by what is left: {@code elapsed × (total − done) / done}, so it
 * assumes the rest goes at the average rate so far. Progress is output only: it never changes what
 * a phase does or measures (printing happens on the caller's thread after a counter update, at most
 * once per interval). Thread-safe: drainers may {@link #advance} concurrently. Nested phases (a
 * section, then its cells) share the one output; on a terminal a started or finished line first
 * clears a bar left on the line. Closing only prints the last line: a phase cut short by an
 * exception leaves nothing open.
 */
public final class Progress implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(5);
    static final Duration EVERY_ON_TERMINAL = Duration.ofMillis(250);
    /** Shared by every phase: the width of a bar still on the terminal's current line, 0 when none. */
    private static final Object OUTPUT = new Object();
    private static int openBar;

    private final String phase;
    private final long total;
    private final String unit;
    private final LongSupplier nanos;
    private final PrintStream out;
    private final boolean terminal;
    private final long everyNanos;
    private final long started;
    private long done;
    private long lastPrinted;
    private boolean finished;

    Progress(String phase, long total, String unit, LongSupplier nanos, PrintStream out, boolean terminal) {
        this.phase = phase;
        this.total = total;
        this.unit = unit;
        this.nanos = nanos;
        this.out = out;
        this.terminal = terminal;
        this.everyNanos = (terminal ? EVERY_ON_TERMINAL : EVERY).toNanos();
        this.started = nanos.getAsLong();
        this.lastPrinted = started;
        print("started" + (total > 0 ? ", " + total + " " + unit : ""), true);
    }

    /** A phase of {@code total} {@code unit}s (0 when unknown) reported on stderr. */
    public static Progress start(String phase, long total, String unit) {
        return new Progress(phase, total, unit, System::nanoTime, System.err, System.console() != null);
    }

    /** A phase whose parts are not counted: its start and its end, with the time it took. */
    public static Progress start(String phase) {
        return start(phase, 0, "");
    }

    /** Runs {@code body} as the phase {@code phase}: its start and end lines around it. */
    public static <T> T phase(String phase, java.util.concurrent.Callable<T> body) throws Exception {
        try (Progress ignored = start(phase)) {
            return body.call();
        }
    }

    /** One more {@code unit} done. */
    public void step() {
        advance(1);
    }

    /** {@code n} more done; prints a line if the last one is at least the interval old. */
    public synchronized void advance(long n) {
        done += n;
        long now = nanos.getAsLong();
        // All done: the done line follows at once, so no running line before it.
        if (!finished && (total == 0 || done < total) && now - lastPrinted >= everyNanos) {
            lastPrinted = now;
            print(status(now), false);
        }
    }

    /** The phase is over: its last line, with the count and the time it took. Idempotent. */
    @Override
    public synchronized void close() {
        if (finished) {
            return;
        }
        finished = true;
        String took = duration(nanos.getAsLong() - started);
        print(total == 0 && done == 0 ? "done in " + took
                : "done, " + done + (total > 0 ? "/" + total : "") + " " + unit + " in " + took, true);
    }

    private String status(long now) {
        long elapsed = now - started;
        StringBuilder line = new StringBuilder().append(done);
        if (total > 0) {
            line.append('/').append(total);
        }
        line.append(' ').append(unit);
        if (total > 0) {
            line.append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, 100 * done / total)));
        }
        double perSecond = done / (elapsed / 1e9);
        // Cells of tens of seconds read better per minute than as 0.1/s.
        line.append(perSecond >= 1 || done == 0 ? String.format(Locale.ROOT, ", %.1f/s", perSecond)
                : String.format(Locale.ROOT, ", %.1f/min", 60 * perSecond));
        line.append(", ").append(duration(elapsed)).append(" elapsed");
        if (total > 0 && done > 0 && done < total) {
            line.append(", ETA ").append(duration((long) ((double) elapsed * (total - done) / done)));
        }
        return line.toString();
    }

    private void print(String status, boolean whole) {
        String line = "[bench] " + phase + ": " + status;
        synchronized (OUTPUT) {
            if (terminal) {
                // \r back to the line's start; spaces wipe what a longer bar left there.
                String padded = openBar > line.length() ? line + " ".repeat(openBar - line.length()) : line;
                out.print("\r" + padded + (whole ? "\n" : ""));
                openBar = whole ? 0 : line.length();
            } else {
                out.println(line);
            }
            out.flush();
        }
    }

    /** {@code 4.2 s} under a minute, {@code 2m05s} above. */
    static String duration(long nanos) {
        double seconds = nanos / 1e9;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        return String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60);
    }
}
