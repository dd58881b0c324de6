// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Lambda artifacts stay lean (cold start loads from them, deployments upload them): every artifact template.yaml
 * deploys has a size budget, {@link #BUDGET_MB} by default and {@link #BUDGET_OVERRIDES_MB} where a module needs more.
 * Artifacts still above their budget have a ceiling in {@link #CEILINGS_MB} — their size when this check was written,
 * rounded up to half a MB — so they cannot grow while they are brought down; an artifact back under budget must leave that list.
 */
class ArtifactBudgetTest {
    static final double BUDGET_MB = 25;
    /** billing carries stripe-java (its models and Gson). */
    static final Map<String, Double> BUDGET_OVERRIDES_MB = Map.of("billing-lambda.jar", 40.0);
    /** Over budget today (shaded jar sizes); lower these as dependencies are pruned, remove them once under budget. */
    static final Map<String, Double> CEILINGS_MB = Map.of(
        "ops-lambda.jar", 26.0, "notifications-lambda.jar", 27.0, "agents-lambda.jar", 29.0, "chat-lambda.jar", 35.0,
        "billing-lambda.jar", 43.0);

    @Test
    void everyArtifactIsWithinItsBudget() throws IOException {
        Path root = LocalSystem.repoRoot();
        Map<String, Path> artifacts = new TreeMap<>();
        for (Resource function : Template.load(root.resolve("template.yaml")).ofType("AWS::Serverless::Function")) {
            Path jar = root.resolve(function.string("CodeUri"));
            artifacts.put(jar.getFileName().toString(), jar);
        }
        List<String> problems = new ArrayList<>();
        TreeSet<String> underBudget = new TreeSet<>();
        StringBuilder sizes = new StringBuilder();
        for (var e : artifacts.entrySet()) {
            if (!Files.isRegularFile(e.getValue())) {
                problems.add(e.getKey() + " is not built (mvn package)");
                continue;
            }
            double mb = Files.size(e.getValue()) / (1024.0 * 1024.0);
            double budget = BUDGET_OVERRIDES_MB.getOrDefault(e.getKey(), BUDGET_MB);
            double limit = CEILINGS_MB.getOrDefault(e.getKey(), budget);
            sizes.append(String.format("%n  %-22s %5.1f MB (budget %.0f MB%s)", e.getKey(), mb, budget,
                CEILINGS_MB.containsKey(e.getKey()) ? ", ceiling " + limit + " MB" : ""));
            if (mb > limit) problems.add(String.format("%s is %.1f MB, over its %s of %.0f MB", e.getKey(), mb,
                CEILINGS_MB.containsKey(e.getKey()) ? "ceiling" : "budget", limit));
            if (CEILINGS_MB.containsKey(e.getKey()) && mb <= budget) underBudget.add(e.getKey());
        }
        if (!underBudget.isEmpty()) problems.add("within budget now, remove from CEILINGS_MB: " + underBudget);
        assertTrue(problems.isEmpty(), String.join("\n", problems) + "\nsizes:" + sizes);
    }
}
