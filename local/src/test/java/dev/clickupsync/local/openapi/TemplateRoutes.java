package dev.clickupsync.local.openapi;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The HTTP API routes {@code template.yaml} declares ({@code Type: HttpApi} events), as {@code METHOD /path}. */
final class TemplateRoutes {
    private TemplateRoutes() {
    }

    static Set<String> of(Map<String, Object> template) {
        Set<String> routes = new TreeSet<>();
        for (Object resource : map(template.get("Resources")).values()) {
            for (Object event : map(map(map(resource).get("Properties")).get("Events")).values()) {
                Map<?, ?> e = map(event);
                if ("HttpApi".equals(e.get("Type"))) {
                    Map<?, ?> properties = map(e.get("Properties"));
                    routes.add(String.valueOf(properties.get("Method")).toUpperCase(Locale.ROOT) + " " + properties.get("Path"));
                }
            }
        }
        return routes;
    }

    /**
     * Whether the document describes a route: the same operation, or for a greedy
     * {@code /prefix/{proxy+}} route, at least one operation of that method under the prefix.
     */
    static boolean covered(String route, Set<String> documented) {
        int proxy = route.indexOf("{proxy+}");
        if (proxy < 0) {
            return documented.contains(route);
        }
        String prefix = route.substring(0, proxy);
        return documented.stream().anyMatch(operation -> operation.startsWith(prefix));
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }
}
