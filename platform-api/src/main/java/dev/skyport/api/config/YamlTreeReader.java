package dev.skyport.api.config;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML into a {@link ConfigValue} tree with SnakeYAML's node API, which keeps the line and
 * column of every value. Reports syntax errors, duplicate keys and unsupported YAML features as
 * problems instead of throwing.
 */
final class YamlTreeReader {

    private static final int MAX_DEPTH = 32;

    private final ProblemCollector problems;

    YamlTreeReader(ProblemCollector problems) {
        this.problems = problems;
    }

    /** The single document's tree, or {@code null} when it cannot be read (problems say why). */
    ConfigValue read(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(1024 * 1024);
        Yaml yaml = new Yaml(options);
        try {
            Iterator<Node> documents = yaml.composeAll(reader).iterator();
            if (!documents.hasNext()) {
                problems.add(new SourcePosition(1, 1), null, null, "the file is empty; start with app: <name> and"
                        + " deployments:");
                return null;
            }
            Node document = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                problems.add(position(second.getStartMark()), null, null, "the file holds more than one YAML document"
                        + " ('---'); keep one");
                return null;
            }
            return convert(document, 0);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            problems.add(mark == null ? SourcePosition.UNKNOWN : position(mark), null, null,
                    "not valid YAML: " + what + context + "; check the indentation and quoting around this line");
            return null;
        } catch (YAMLException e) {
            problems.add(SourcePosition.UNKNOWN, null, null, "not valid YAML: " + e.getMessage());
            return null;
        }
    }

    private ConfigValue convert(Node node, int depth) {
        SourcePosition position = position(node.getStartMark());
        if (depth > MAX_DEPTH) {
            problems.add(position, null, null, "values are nested too deeply (or an alias refers to itself)");
            return new ConfigScalar("", ScalarKind.NULL, position);
        }
        if (node instanceof ScalarNode scalar) {
            return new ConfigScalar(scalar.getValue(), kindOf(scalar.getTag()), position);
        }
        if (node instanceof SequenceNode sequence) {
            List<ConfigValue> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, depth + 1));
            }
            return new ConfigSequence(items, position);
        }
        MappingNode mapping = (MappingNode) node;
        List<ConfigEntry> entries = new ArrayList<>();
        Map<String, SourcePosition> seen = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            SourcePosition keyPosition = position(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                problems.add(keyPosition, null, null, "a key must be a plain name, not a list or mapping");
                continue;
            }
            String key = keyScalar.getValue();
            if (keyScalar.getTag().equals(Tag.MERGE)) {
                problems.add(keyPosition, null, null, "YAML merge keys (<<) are not supported; write the keys out");
                continue;
            }
            SourcePosition first = seen.putIfAbsent(key, keyPosition);
            if (first != null) {
                problems.add(keyPosition, null, key, "key '" + key + "' is written twice (first on line " + first.line()
                        + "); keep one");
                continue;
            }
            entries.add(new ConfigEntry(key, keyPosition, convert(tuple.getValueNode(), depth + 1)));
        }
        return new ConfigMapping(entries, position);
    }

    private static ScalarKind kindOf(Tag tag) {
        if (tag.equals(Tag.INT)) {
            return ScalarKind.INTEGER;
        }
        if (tag.equals(Tag.FLOAT)) {
            return ScalarKind.FLOAT;
        }
        if (tag.equals(Tag.BOOL)) {
            return ScalarKind.BOOLEAN;
        }
        if (tag.equals(Tag.NULL)) {
            return ScalarKind.NULL;
        }
        return ScalarKind.STRING;
    }

    private static SourcePosition position(Mark mark) {
        return new SourcePosition(mark.getLine() + 1, mark.getColumn() + 1);
    }
}
