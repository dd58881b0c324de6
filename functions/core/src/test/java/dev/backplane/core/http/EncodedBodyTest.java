package dev.backplane.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Invalid UTF-8 was once stored in a bio: API Gateway hands a body it does not treat as text to the function base64-encoded
 * (isBase64Encoded=true), raw bytes and all. The strict decoder refuses it, naming the field the bytes are in.
 */
class EncodedBodyTest {
    record Profile(String displayName, String bio) {}

    /** Overlong encoding, a lone continuation byte, a truncated sequence, an encoded surrogate, a byte never used. */
    private static final byte[][] INVALID = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}};

    @Test
    void invalidUtf8InABase64BodyIsA400NamingTheField() {
        for (byte[] invalid : INVALID) {
            APIGatewayV2HTTPEvent event = base64Event(bytes("{\"displayName\":\"Ada\",\"bio\":\"before ", invalid, " after\"}"));
            HttpProblemException e = assertThrows(HttpProblemException.class, () -> new ApiRequest(event, "c").body(Profile.class));
            Problem p = e.toProblem("c");
            assertEquals(400, p.status());
            assertEquals("https://backplane.dev/problems/invalid-encoding", p.type());
            assertEquals("bio", p.errors().getFirst().field());
            // the raw text (e.g. for a signature check) stays strict: the whole body is refused
            HttpProblemException raw = assertThrows(HttpProblemException.class, () -> new ApiRequest(event, "c").rawBody());
            assertEquals("body", raw.toProblem("c").errors().getFirst().field());
        }
    }

    @Test
    void validUtf8InABase64BodyReadsAsIs() {
        APIGatewayV2HTTPEvent event = base64Event("{\"bio\":\"caf\u00e9 \ud83d\ude00\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("caf\u00e9 \ud83d\ude00", new ApiRequest(event, "c").body(Profile.class).bio());
    }

    private static APIGatewayV2HTTPEvent base64Event(byte[] body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/me");
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody(Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        return event;
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
