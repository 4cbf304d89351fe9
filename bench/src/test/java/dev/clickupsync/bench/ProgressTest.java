package dev.clickupsync.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** What a phase prints, with a clock the test moves: the lines' text, how often, and the ETA. */
class ProgressTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Progress progress(String phase, long total, String unit, boolean terminal) {
        return new Progress(phase, total, unit, clock::get, new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void seconds(double s) {
        clock.addAndGet((long) (s * 1e9));
    }

    @Test
    void printsAStartLineCountsWithRateAndEtaAtMostEveryFiveSecondsAndADoneLine() {
        try (Progress p = progress("storm smart", 30, "rounds", false)) {
            seconds(1);
            p.step(); // 1 s after the start: too soon for a line
            seconds(4);
            p.advance(9); // 10 of 30 after 5 s: the rest at that rate takes 10 s
            seconds(1);
            p.step(); // 1 s after the last line: none
            seconds(5);
            p.advance(9); // 20 of 30 after 11 s
            seconds(5);
            p.advance(10); // 30 of 30: the done line follows, no running line
            seconds(0.5);
        }
        assertThat(output()).isEqualTo("""
                [bench] storm smart: started, 30 rounds
                [bench] storm smart: 10/30 rounds (33%), 2.0/s, 5.0 s elapsed, ETA 10.0 s
                [bench] storm smart: 20/30 rounds (66%), 1.8/s, 11.0 s elapsed, ETA 5.5 s
                [bench] storm smart: done, 30/30 rounds in 16.5 s
                """);
    }

    @Test
    void aSlowRateIsPerMinute() {
        try (Progress p = progress("pacing", 16, "cells", false)) {
            seconds(20);
            p.advance(2);
        }
        assertThat(output()).contains("[bench] pacing: 2/16 cells (12%), 6.0/min, 20.0 s elapsed, ETA 2m20s\n");
    }

    @Test
    void anUnknownTotalHasCountsAndRateButNoPercentOrEta() {
        Progress p = progress("chaos", 0, "deliveries", false);
        seconds(80);
        p.advance(400);
        seconds(45);
        p.close();
        p.close(); // idempotent: one done line
        assertThat(output()).isEqualTo("""
                [bench] chaos: started
                [bench] chaos: 400 deliveries, 5.0/s, 1m20s elapsed
                [bench] chaos: done, 400 deliveries in 2m05s
                """);
    }

    @Test
    void aPhaseWithoutCountsSaysWhenItStartedAndHowLongItTook() throws Exception {
        Progress p = progress("3/7 ingest (JMH)", 0, "", false);
        seconds(42);
        p.close();
        assertThat(output()).isEqualTo("[bench] 3/7 ingest (JMH): started\n[bench] 3/7 ingest (JMH): done in 42.0 s\n");
    }

    @Test
    void nothingIsPrintedAfterTheDoneLine() {
        Progress p = progress("pacing", 4, "cells", false);
        p.close();
        seconds(10);
        p.step();
        assertThat(output()).isEqualTo("[bench] pacing: started, 4 cells\n[bench] pacing: done, 0/4 cells in 0.0 s\n");
    }

    @Test
    void onATerminalTheRunningLinesOverwriteEachOtherAsABar() {
        try (Progress p = progress("backfill", 100, "pages", true)) {
            seconds(0.1);
            p.step(); // under 250 ms: no bar yet
            seconds(0.15);
            p.advance(49); // 50 of 100 after 250 ms
            seconds(0.25);
            p.advance(40);
            seconds(0.25);
            p.advance(10);
        }
        String half = "[bench] backfill: 50/100 pages (50%), 200.0/s, 0.3 s elapsed, ETA 0.3 s";
        String most = "[bench] backfill: 90/100 pages (90%), 180.0/s, 0.5 s elapsed, ETA 0.1 s";
        String done = "[bench] backfill: done, 100/100 pages in 0.8 s";
        // Each line starts with \r; a shorter one is padded with spaces over what the longer one left.
        assertThat(output()).isEqualTo("\r[bench] backfill: started, 100 pages\n"
                + "\r" + half
                + "\r" + most
                + "\r" + done + " ".repeat(most.length() - done.length()) + "\n");
    }

    @Test
    void durationsAreSecondsUnderAMinuteAndMinutesAbove() {
        assertThat(Progress.duration(4_240_000_000L)).isEqualTo("4.2 s");
        assertThat(Progress.duration(59_900_000_000L)).isEqualTo("59.9 s");
        assertThat(Progress.duration(125_000_000_000L)).isEqualTo("2m05s");
    }
}
