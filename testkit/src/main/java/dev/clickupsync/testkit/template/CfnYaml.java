package dev.clickupsync.testkit.template;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a CloudFormation/SAM template with SnakeYAML. The short-form tags ({@code !Ref},
 * {@code !Sub}, {@code !GetAtt}, {@code !If}, ... and any other unknown tag) become the plain
 * long-form values CloudFormation itself uses: {@code !Ref X} is {@code {Ref: X}}, {@code !GetAtt A.B}
 * is {@code {Fn::GetAtt: [A, B]}}, {@code !Sub s} is {@code {Fn::Sub: s}}, and so on. The checks
 * therefore read both syntaxes the same way.
 */
public final class CfnYaml {
    private CfnYaml() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String text) {
        LoaderOptions options = new LoaderOptions();
        Object loaded = new Yaml(new CfnConstructor(options)).load(text);
        return (Map<String, Object>) loaded;
    }

    /** The long-form name of a short tag: {@code !Ref} → {@code Ref}, {@code !Sub} → {@code Fn::Sub}. */
    public static String longForm(String tag) {
        String name = tag.startsWith("!") ? tag.substring(1) : tag;
        return name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
    }

    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor(LoaderOptions options) {
            super(options);
            // Called for every tag SafeConstructor does not know: all of CloudFormation's.
            this.yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue();
                    String key = longForm(tag);
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = constructScalar(scalar);
                        if (key.equals("Fn::GetAtt")) {
                            String text = (String) value;
                            int dot = text.indexOf('.');
                            value = dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
                        }
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    Map<String, Object> intrinsic = new LinkedHashMap<>();
                    intrinsic.put(key, value);
                    return intrinsic;
                }
            });
        }
    }

    // ------------------------------------------------------------------ navigation helpers

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : value == null ? List.of() : List.of(value);
    }

    public static Object path(Object root, String... keys) {
        Object current = root;
        for (String key : keys) {
            current = map(current).get(key);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** The target of {@code {Ref: X}}, or null. */
    public static String ref(Object value) {
        return map(value).size() == 1 && map(value).get("Ref") instanceof String s ? s : null;
    }

    /** The resource of {@code {Fn::GetAtt: [X, attr]}} when attr is {@code attribute}, or null. */
    public static String getAtt(Object value, String attribute) {
        List<Object> args = list(map(value).get("Fn::GetAtt"));
        if (args.size() == 2 && Objects.equals(args.get(1), attribute) && args.get(0) instanceof String s) {
            return s;
        }
        return null;
    }

    /** Every string anywhere in {@code value} (keys excluded), for "does this policy mention X". */
    public static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        collect(value, out);
        return out;
    }

    private static void collect(Object value, List<String> out) {
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, out));
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> collect(v, out));
        }
    }

    /** Every {@code Ref} target anywhere in {@code value}. */
    public static List<String> refs(Object value) {
        List<String> out = new ArrayList<>();
        collectRefs(value, out);
        return out;
    }

    private static void collectRefs(Object value, List<String> out) {
        if (value instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.get("Ref") instanceof String s) {
                out.add(s);
            }
            m.values().forEach(v -> collectRefs(v, out));
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> collectRefs(v, out));
        }
    }
}
