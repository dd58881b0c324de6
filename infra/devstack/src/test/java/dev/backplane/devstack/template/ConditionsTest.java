package dev.backplane.devstack.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.devstack.FixtureJar;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    static Template active(Map<String, String> parameters) {
        Template full = Template.load(FixtureJar.template("conditions.yaml"));
        return full.withConditionsApplied(new Intrinsics(full, parameters, "us-east-1", "000000000000", "http://localhost:1"));
    }

    @Test
    void falseConditionsRemoveResourcesAndFnIfPicksTheBranch() {
        Template t = active(Map.of());
        assertFalse(t.resources().containsKey("Archive"));
        Intrinsics i = new Intrinsics(t, Map.of(), "us-east-1", "000000000000", "http://localhost:1");
        assertEquals("7", i.resolveString(t.resource("Work").property("VisibilityTimeout")));
    }

    @Test
    void parametersTurnConditionsOn() {
        Template t = active(Map.of("WithArchive", "true"));
        assertTrue(t.resources().containsKey("Archive"));
        Intrinsics i = new Intrinsics(t, Map.of("WithArchive", "true"), "us-east-1", "000000000000", "http://localhost:1");
        assertEquals("30", i.resolveString(t.resource("Work").property("VisibilityTimeout")));
    }
}
