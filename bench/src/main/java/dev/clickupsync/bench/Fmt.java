package dev.clickupsync.bench;

import java.util.Locale;

/** Numbers as the report prints them: fixed decimals, always with a dot. */
final class Fmt {
    private Fmt() {
    }

    static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
