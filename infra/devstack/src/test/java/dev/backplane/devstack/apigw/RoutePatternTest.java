// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route selection rules in isolation (the HTTP tests cover them end to end). */
class RoutePatternTest {
    @Test
    void specificityOrder() {
        RouteTable<String> t = new RouteTable<>();
        t.add("GET", "/a/{x}/c", "param-then-literal", "t");
        t.add("GET", "/a/b/{y}", "literal-then-param", "t");
        t.add("ANY", "/a/{proxy+}", "greedy", "t");
        t.add("ANY", "/", "root", "t");
        t.setDefault("default");
        assertEquals("literal-then-param", t.match("GET", "/a/b/c").route());
        assertEquals("param-then-literal", t.match("GET", "/a/z/c").route());
        assertEquals("greedy", t.match("POST", "/a/b/c").route());
        assertEquals("root", t.match("GET", "/").route());
        assertEquals("default", t.match("GET", "/zzz").route());
        assertEquals(Map.of("proxy", "b/c/d"), t.match("GET", "/a/b/c/d").pathParameters());
    }

    @Test
    void noDefaultMeansNoMatch() {
        RouteTable<String> t = new RouteTable<>();
        t.add("GET", "/x", "x", "t");
        assertNull(t.match("POST", "/x"));
        assertNull(t.match("GET", "/x/y"));
    }
}
