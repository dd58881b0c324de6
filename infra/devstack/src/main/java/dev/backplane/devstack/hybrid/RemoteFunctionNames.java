package dev.backplane.devstack.hybrid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which deployed function a template function is. A function with a {@code FunctionName} keeps it; otherwise
 * CloudFormation named it {@code <stack>-<LogicalId>-<random>}, both parts possibly truncated (LocalStack keeps 24
 * characters of the logical id, AWS shortens the stack name first). Explicit names win over both.
 */
public final class RemoteFunctionNames {
    private static final Pattern GENERATED = Pattern.compile("^(.+)-([A-Za-z0-9]+)-([A-Za-z0-9]+)$");
    /** Shortest logical-id part accepted as a truncation (LocalStack keeps 24 characters). */
    private static final int MIN_TRUNCATED_ID = 20;

    private RemoteFunctionNames() {}

    /** The mapping, and the template functions no deployed function matched. */
    public record Mapping(Map<String, String> names, List<String> missing) {}

    /**
     * @param declaredNames logical id → the name the template gives the function (its FunctionName, else the logical id)
     * @param deployed      the names the remote Lambda API lists
     */
    public static Mapping map(Map<String, String> declaredNames, String stack, Collection<String> deployed, Map<String, String> explicit) {
        Map<String, String> names = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        declaredNames.forEach((logicalId, declared) -> {
            String name = explicit.get(logicalId);
            if (name == null && deployed.contains(declared)) name = declared;
            if (name == null) name = generated(logicalId, stack, deployed);
            if (name == null) missing.add(logicalId);
            else names.put(logicalId, name);
        });
        return new Mapping(names, missing);
    }

    private static String generated(String logicalId, String stack, Collection<String> deployed) {
        List<String> exact = new ArrayList<>();
        List<String> truncated = new ArrayList<>();
        for (String name : deployed) {
            Matcher m = GENERATED.matcher(name);
            if (!m.matches() || stack == null || !stack.startsWith(m.group(1))) continue;
            String idPart = m.group(2);
            if (idPart.equals(logicalId)) exact.add(name);
            else if (idPart.length() >= MIN_TRUNCATED_ID && logicalId.startsWith(idPart)) truncated.add(name);
        }
        List<String> found = exact.isEmpty() ? truncated : exact;
        if (found.size() > 1) {
            throw new IllegalArgumentException(logicalId + " matches several deployed functions " + found
                + ": choose one with --function-name " + logicalId + "=NAME");
        }
        return found.isEmpty() ? null : found.getFirst();
    }
}
