package dev.backplane.devstack.apigw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.devstack.template.TemplateException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The VTL subset of API Gateway mapping templates, rendered by Velocity with $input, $util and $context. */
class MappingTemplateTest {
    private static final Map<String, Map<String, String>> PARAMS = Map.of("path", Map.of("id", "42"),
        "querystring", Map.of("dry", "true"), "header", Map.of("X-Tenant", "acme"));
    private static final Map<String, Object> CONTEXT = Map.of("requestId", "req-1", "stage", "dev",
        "authorizer", Map.of("claims", Map.of("sub", "user-9")));

    private static String render(String template, String body) {
        return MappingTemplate.parse(template, "test").render(body, PARAMS, CONTEXT, Map.of("bus", "orders"));
    }

    @Test
    void setForeachIfElseAndInputPathBuildAPutEventsRequest() {
        String template = """
            #set($order = $input.path('$'))
            {"Entries":[#foreach($item in $order.items){"Source":"shop","DetailType":"#if($item.qty > 1)bulk#{else}single#end",\
            "Detail":"$util.escapeJavaScript($input.json("$.items[$foreach.index]"))","EventBusName":"$stageVariables.bus"}#if($foreach.hasNext),#end#end]}""";
        String out = render(template, "{\"items\":[{\"sku\":\"a\",\"qty\":2},{\"sku\":\"b\",\"qty\":1}]}").strip();
        assertEquals("{\"Entries\":[{\"Source\":\"shop\",\"DetailType\":\"bulk\",\"Detail\":\"{\\\"sku\\\":\\\"a\\\",\\\"qty\\\":2}\",\"EventBusName\":\"orders\"},"
            + "{\"Source\":\"shop\",\"DetailType\":\"single\",\"Detail\":\"{\\\"sku\\\":\\\"b\\\",\\\"qty\\\":1}\",\"EventBusName\":\"orders\"}]}", out);
    }

    @Test
    void paramsContextUtilAndUndefinedReferences() {
        assertEquals("42 true acme acme", render("$input.params('id') $input.params('dry') $input.params('x-tenant') $input.params().header.get('X-Tenant')", ""));
        assertEquals("req-1 user-9 dev", render("$context.requestId $context.authorizer.claims.sub $context.stage", ""));
        assertEquals("aGk= hi a%2Bb it\\'s \\\"q\\\"", render("$util.base64Encode('hi') $util.base64Decode('aGk=') $util.urlEncode('a+b') "
            + "$util.escapeJavaScript(\"it's \\\"q\\\"\")".replace("\\\"q\\\"", "\"\"q\"\""), ""));
        assertEquals("[] x", render("[$nothing$input.path('$.missing')] x", "{}"), "undefined references render as nothing, as on API Gateway");
        assertEquals("{\"a\":[1,2]} 2 {\"a\":[1,2]}", render("$input.json('$') $input.path('$.a[1]') $input.body", "{\"a\":[1,2]}"));
        assertEquals("ada", render("#set($p = $util.parseJson($input.body))$p.name", "{\"name\":\"ada\"}"));
    }

    @Test
    void aTemplateThatDoesNotParseStopsStartupNamingIt() {
        TemplateException e = assertThrows(TemplateException.class, () -> MappingTemplate.parse("#foreach($x in $y)", "Api paths./a.post"));
        assertTrue(e.getMessage().startsWith("Api paths./a.post: the mapping template does not parse"), e.getMessage());
    }
}
