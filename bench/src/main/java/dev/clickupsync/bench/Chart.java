package dev.clickupsync.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleFunction;

/** Grouped bar panels drawn with java.awt (headless), written as one PNG. */
final class Chart {
    static final Color SHARED = new Color(0x2b6cb0);
    static final Color LOCAL = new Color(0xdd6b20);
    static final Color NAIVE = new Color(0x718096);
    static final Color LOCAL_HEADERS = new Color(0xd69e2e);
    static final Color SHARED_SECONDS = new Color(0x90cdf4);
    private static final Color GOAL = new Color(0x2f855a);

    /** One panel: categories along x, one bar per series in each category. */
    record Panel(String title, String xLabel, List<String> categories, List<String> series, List<Color> colors,
                 double[][] values, Double goal, String goalLabel, DoubleFunction<String> format) {
    }

    private Chart() {
    }

    static Color color(PacingBench.Kind kind) {
        return switch (kind) {
            case SHARED -> SHARED;
            case LOCAL -> LOCAL;
            case LOCAL_HEADERS -> LOCAL_HEADERS;
            case SHARED_SECONDS -> SHARED_SECONDS;
        };
    }

    static void write(Path file, String heading, List<Panel> panels) throws IOException {
        int panelWidth = 540;
        int width = panelWidth * panels.size() + 40;
        int height = 470;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(heading, 20, 26);
            for (int i = 0; i < panels.size(); i++) {
                draw(g, panels.get(i), 20 + i * panelWidth, 50, panelWidth - 30, height - 60);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void draw(Graphics2D g, Panel p, int x, int y, int w, int h) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(p.title(), x, y + 12);

        int left = x + 50;
        int top = y + 66;
        int bottom = y + h - 45;
        int right = x + w;
        double max = 0;
        for (double[] row : p.values()) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        if (p.goal() != null) {
            max = Math.max(max, p.goal());
        }
        max = niceCeiling(max <= 0 ? 1 : max * 1.12);

        // Axes and gridlines.
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            int ty = bottom - (int) Math.round((bottom - top) * v / max);
            g.setColor(new Color(0xe2e8f0));
            g.drawLine(left, ty, right, ty);
            g.setColor(Color.DARK_GRAY);
            String label = p.format().apply(v);
            g.drawString(label, left - 6 - fm.stringWidth(label), ty + 4);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, top, left, bottom);
        g.drawLine(left, bottom, right, bottom);

        // Bars.
        int groups = p.categories().size();
        int seriesCount = p.series().size();
        double groupWidth = (double) (right - left) / groups;
        double barWidth = groupWidth * 0.7 / seriesCount;
        for (int c = 0; c < groups; c++) {
            double gx = left + c * groupWidth + groupWidth * 0.15;
            for (int s = 0; s < seriesCount; s++) {
                double v = p.values()[s][c];
                int bh = (int) Math.round((bottom - top) * v / max);
                int bx = (int) Math.round(gx + s * barWidth);
                g.setColor(p.colors().get(s));
                g.fillRect(bx, bottom - bh, (int) Math.max(1, barWidth - 3), bh);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, seriesCount > 2 ? 10 : 11));
                fm = g.getFontMetrics();
                String label = p.format().apply(v);
                g.drawString(label, bx + (int) (barWidth - 3 - fm.stringWidth(label)) / 2, bottom - bh - 4);
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            fm = g.getFontMetrics();
            String cat = p.categories().get(c);
            g.drawString(cat, (int) (left + c * groupWidth + (groupWidth - fm.stringWidth(cat)) / 2), bottom + 16);
        }
        g.drawString(p.xLabel(), left + (right - left - fm.stringWidth(p.xLabel())) / 2, bottom + 32);

        // Goal line.
        if (p.goal() != null) {
            int gy = bottom - (int) Math.round((bottom - top) * p.goal() / max);
            g.setColor(GOAL);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
            g.drawLine(left, gy, right, gy);
            g.setStroke(new BasicStroke(1f));
            g.drawString(p.goalLabel(), right - fm.stringWidth(p.goalLabel()), gy - 4);
        }

        // Legend.
        int lx = x;
        int ly = y + 30;
        for (int s = 0; s < seriesCount; s++) {
            if (lx + 16 + fm.stringWidth(p.series().get(s)) > x + w) {
                lx = x;
                ly += 15;
            }
            g.setColor(p.colors().get(s));
            g.fillRect(lx, ly - 9, 12, 10);
            g.setColor(Color.BLACK);
            g.drawString(p.series().get(s), lx + 16, ly);
            lx += 24 + fm.stringWidth(p.series().get(s));
        }
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        // Four gridlines: steps whose quarters stay round.
        for (double step : new double[]{1, 1.2, 1.6, 2, 2.4, 4, 8, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
