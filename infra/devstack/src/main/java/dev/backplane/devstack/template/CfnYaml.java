package dev.backplane.devstack.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads CloudFormation YAML: short-form intrinsics (!Ref, !GetAtt, !Sub, …) become their long JSON form. */
public final class CfnYaml {
    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs",
        "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "ToJsonString", "Length");

    private CfnYaml() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object root = yaml().load(reader);
            if (!(root instanceof Map<?, ?> map)) {
                throw new TemplateException(file + ": not a CloudFormation template (top level is not a mapping)");
            }
            return (Map<String, Object>) map;
        } catch (IOException e) {
            throw new TemplateException("cannot read template " + file + ": " + e.getMessage());
        }
    }

    public static Object parse(String yamlText) {
        return yaml().load(yamlText);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        return new Yaml(new IntrinsicConstructor(options));
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String fn : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) { this.key = key; }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode scalar -> scalarValue(scalar.getValue());
                    case SequenceNode seq -> constructSequence(seq);
                    case MappingNode map -> constructMapping(map);
                    default -> throw new TemplateException("unsupported YAML node for " + key);
                };
                return Map.of(key, value);
            }

            private Object scalarValue(String text) {
                if (key.equals("Fn::GetAtt")) {
                    int dot = text.indexOf('.');
                    if (dot < 0) throw new TemplateException("!GetAtt needs Resource.Attribute, got '" + text + "'");
                    return List.of(text.substring(0, dot), text.substring(dot + 1));
                }
                return text;
            }
        }
    }
}
