package dev.clickupsync.deploy;

import dev.clickupsync.infra.SyncConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the code declares and uses, read from the code itself: the configuration keys (SmallRye's
 * own metadata of every {@code @ConfigMapping} in core, plus {@code @ConfigProperty} names), the
 * {@code @Named} Lambda handlers of each application, the metrics passed to
 * {@code Metrics.increment/record} with their dimensions ({@link EmittedMetrics}), and each
 * application's own properties.
 */
final class CodeFacts {

    /** One configuration key the code reads. */
    record ConfigKey(String key, boolean required, String defaultValue, String declaredBy) {
        String envName() {
            return CodeFacts.envName(key);
        }
    }

    /** A {@code @Named} bean of an application; {@code requestHandler} when it implements {@code RequestHandler}. */
    record Handler(String name, String className, boolean requestHandler) {
    }

    private static final Pattern CONFIG_PROPERTY = Pattern.compile(
            "@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"(\\s*,\\s*defaultValue\\s*=\\s*\"([^\"]*)\")?");
    private static final Pattern NAMED = Pattern.compile("@Named\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern CLASS_NAME = Pattern.compile("\\bclass\\s+(\\w+)");

    final Path root;
    private final Map<String, ConfigKey> keys;
    private final EmittedMetrics metrics;
    private final Map<String, Map<String, Handler>> handlers = new HashMap<>();
    private final Map<String, Map<String, String>> appProperties = new HashMap<>();

    private CodeFacts(Path root, Map<String, ConfigKey> keys, EmittedMetrics metrics) {
        this.root = root;
        this.keys = keys;
        this.metrics = metrics;
    }

    /** Reads the facts of the repository at {@code root} (the folder holding template.yaml). */
    static CodeFacts scan(Path root) {
        Map<String, ConfigKey> keys = new TreeMap<>();
        for (Class<?> mapping : configMappings()) {
            ConfigMappings.ConfigClass configClass = ConfigMappings.ConfigClass.configClass(mapping);
            ConfigMappings.getProperties(configClass).forEach((key, property) -> {
                if (key.contains("*")) {
                    return; // list[*] / map.* entries: the same key indexed; the plain key is listed too
                }
                // SmallRye lists an Optional<List<..>> by its element property, so ask the method too.
                Class<?> returned = property.getMethod().getReturnType();
                boolean optional = property.isOptional() || returned == Optional.class || returned == OptionalInt.class
                        || returned == OptionalLong.class || returned == OptionalDouble.class;
                keys.merge(key, new ConfigKey(key, !optional && !property.hasDefaultValue(),
                        property.hasDefaultValue() ? property.getDefaultValue() : null, mapping.getName()),
                        CodeFacts::stricter);
            });
        }
        for (String module : DEPLOYED_MODULES) {
            for (Path source : javaSources(root.resolve(module).resolve("src/main/java"))) {
                String text = read(source);
                Matcher m = CONFIG_PROPERTY.matcher(text);
                while (m.find()) {
                    keys.merge(m.group(1), new ConfigKey(m.group(1), m.group(2) == null, m.group(3),
                            "@ConfigProperty in " + root.relativize(source)), CodeFacts::stricter);
                }
                if (!module.equals("core") && text.contains("@ConfigMapping")) {
                    throw new IllegalStateException(root.relativize(source) + " declares a @ConfigMapping outside core;"
                            + " TemplateMatchesCodeTest only reads core's mappings: move it to core or extend CodeFacts");
                }
            }
        }
        return new CodeFacts(root, keys, EmittedMetrics.scan(List.of(root.resolve("core/src/main/java"))));
    }

    /** Modules whose code runs in a deployed function (local/ and testkit/ never do). */
    static final List<String> DEPLOYED_MODULES = List.of("core", "ingest", "worker");

    private static ConfigKey stricter(ConfigKey a, ConfigKey b) {
        return a.required() ? a : b;
    }

    /** Every {@code @ConfigMapping} interface compiled into core (nested ones included). */
    private static List<Class<?>> configMappings() {
        Path classes;
        try {
            classes = Path.of(SyncConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, CodeFacts.class.getClassLoader());
                if (type.isInterface() && type.isAnnotationPresent(ConfigMapping.class)) {
                    found.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no @ConfigMapping found under " + classes);
        }
        return found;
    }

    // ------------------------------------------------------------------ queries

    /** {@code sync.queue.url} → {@code SYNC_QUEUE_URL}: how Quarkus matches environment variables. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    Map<String, ConfigKey> keys() {
        return keys;
    }

    /** The declared key an environment variable sets, or null. */
    ConfigKey keyForEnv(String envName) {
        for (ConfigKey key : keys.values()) {
            if (key.envName().equals(envName)) {
                return key;
            }
        }
        return null;
    }

    Set<String> metrics() {
        return metrics.names();
    }

    /** The metrics with the dimension sets each is emitted with. */
    EmittedMetrics emitted() {
        return metrics;
    }

    /** The {@code @Named} beans of an application's own sources, by name. */
    Map<String, Handler> handlers(String app) {
        return handlers.computeIfAbsent(app, a -> {
            Map<String, Handler> found = new TreeMap<>();
            for (Path source : javaSources(root.resolve(a).resolve("src/main/java"))) {
                String text = read(source);
                Matcher named = NAMED.matcher(text);
                if (named.find()) {
                    Matcher cls = CLASS_NAME.matcher(text.substring(named.end()));
                    String className = cls.find() ? cls.group(1) : source.getFileName().toString();
                    found.put(named.group(1), new Handler(named.group(1), className,
                            Pattern.compile("\\bimplements\\s+[^{]*\\bRequestHandler\\s*<").matcher(text).find()));
                }
            }
            return found;
        });
    }

    /**
     * An application's configuration as built into it: core's
     * {@code META-INF/microprofile-config.properties} overlaid with its own
     * {@code application.properties}; profile-specific ({@code %test.}) lines left out.
     */
    Map<String, String> appProperties(String app) {
        return appProperties.computeIfAbsent(app, a -> {
            Map<String, String> merged = new LinkedHashMap<>();
            load(root.resolve("core/src/main/resources/META-INF/microprofile-config.properties"), merged);
            load(root.resolve(a).resolve("src/main/resources/application.properties"), merged);
            return merged;
        });
    }

    /** The value an application runs with for {@code key} when no environment variable sets it. */
    String appValue(String app, String key) {
        String value = appProperties(app).get(key);
        if (value != null) {
            return value;
        }
        ConfigKey declared = keys.get(key);
        return declared == null ? null : declared.defaultValue();
    }

    private static void load(Path file, Map<String, String> into) {
        if (!Files.exists(file)) {
            return;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.stringPropertyNames().stream().filter(k -> !k.startsWith("%"))
                .forEach(k -> into.put(k, properties.getProperty(k)));
    }

    static List<Path> javaSources(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder holding template.yaml, found from the working directory upwards. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("core"))) {
                return dir;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
