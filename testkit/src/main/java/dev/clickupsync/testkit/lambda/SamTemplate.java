package dev.clickupsync.testkit.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variable <em>names</em> a SAM template gives a function: those under
 * {@code Globals.Function.Environment.Variables} and under the function resource's own
 * {@code Properties.Environment.Variables}. A line-based reader for the block-style YAML SAM
 * templates are written in (CloudFormation's {@code !Ref}/{@code !Sub} tags need no YAML library
 * this way); values are not read, only which variables exist, so a test can check that it sets
 * every variable the deployed function gets.
 */
public final class SamTemplate {
    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z_][A-Za-z0-9_]*):(.*)$");

    private final List<String> lines;

    private SamTemplate(List<String> lines) {
        this.lines = lines;
    }

    public static SamTemplate read(Path template) {
        try {
            return new SamTemplate(Files.readAllLines(template));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
    }

    /** Global variables first, then the function's own, in template order. */
    public Set<String> environmentVariableNames(String functionLogicalId) {
        Set<String> names = new LinkedHashSet<>();
        String section = null;
        String resource = null;
        String previousKey = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = KEY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            String key = m.group(2);
            if (indent == 0) {
                section = key;
                resource = null;
            } else if (indent == 2 && "Resources".equals(section)) {
                resource = key;
            }
            boolean wanted = ("Globals".equals(section)) || ("Resources".equals(section) && functionLogicalId.equals(resource));
            if (wanted && "Variables".equals(key) && "Environment".equals(previousKey) && m.group(3).isBlank()) {
                i = collect(i + 1, indent, names);
                previousKey = null;
                continue;
            }
            previousKey = key;
        }
        return names;
    }

    /** Reads the keys of the mapping that starts at {@code from}, nested deeper than {@code parentIndent}; returns the last line read. */
    private int collect(int from, int parentIndent, Set<String> names) {
        int keyIndent = -1;
        int i = from;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            if (indent <= parentIndent) {
                return i - 1;
            }
            Matcher m = KEY.matcher(line);
            if (keyIndent < 0) {
                keyIndent = indent;
            }
            if (indent == keyIndent && m.matches()) {
                names.add(m.group(2));
            }
        }
        return i;
    }
}
