package dev.clickupsync.local.openapi;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexReader;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The HTTP routes the code declares ({@code POST /admin/backfill}), read from the Jandex indexes on
 * the class path (core's), independently of the OpenAPI scanner: so a route the scanner missed or
 * someone hid from the document is still noticed.
 */
final class CodeRoutes {
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS");

    private CodeRoutes() {
    }

    /**
     * Every {@code METHOD /path} of the JAX-RS resource classes under {@code dev.clickupsync}, except
     * the classes named (REST client interfaces are not served and are skipped on their own).
     */
    static Set<String> declared(Set<String> excludedClasses) {
        Set<String> routes = new TreeSet<>();
        for (IndexView index : indexes()) {
            for (AnnotationInstance path : index.getAnnotations(PATH)) {
                if (path.target().kind() != AnnotationTarget.Kind.CLASS) {
                    continue;
                }
                ClassInfo resource = path.target().asClass();
                String name = resource.name().toString();
                if (!name.startsWith("dev.clickupsync.") || resource.isInterface() || excludedClasses.contains(name)) {
                    continue;
                }
                for (MethodInfo method : resource.methods()) {
                    String verb = httpMethod(method);
                    if (verb != null) {
                        AnnotationInstance sub = method.annotation(PATH);
                        routes.add(verb + " " + join(path.value().asString(), sub == null ? "" : sub.value().asString()));
                    }
                }
            }
        }
        return routes;
    }

    private static String httpMethod(MethodInfo method) {
        return method.annotations().stream()
                .filter(a -> a.target().kind() == AnnotationTarget.Kind.METHOD)
                .map(a -> a.name().toString())
                .filter(n -> n.startsWith("jakarta.ws.rs.") && METHODS.contains(n.substring("jakarta.ws.rs.".length())))
                .map(n -> n.substring("jakarta.ws.rs.".length()).toUpperCase(Locale.ROOT))
                .findFirst().orElse(null);
    }

    static String join(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static List<IndexView> indexes() {
        try {
            List<IndexView> indexes = new java.util.ArrayList<>();
            for (URL url : Collections.list(CodeRoutes.class.getClassLoader().getResources("META-INF/jandex.idx"))) {
                try (InputStream in = url.openStream()) {
                    indexes.add(new IndexReader(in).read());
                }
            }
            return indexes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
