package dev.backplane.devstack.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which hosts the sandbox sends to devstack: every AWS endpoint shape, never a third party or a local address. */
class LocalRedirectTest {
    @Test
    void recognisesServiceHostShapes() {
        assertEquals("dynamodb", LocalRedirect.service("dynamodb.eu-west-1.amazonaws.com"));
        assertEquals("streams.dynamodb", LocalRedirect.service("streams.dynamodb.eu-west-1.amazonaws.com"));
        assertEquals("ddb", LocalRedirect.service("123456789012.ddb.eu-west-1.amazonaws.com"));
        assertEquals("queue", LocalRedirect.service("eu-west-1.queue.amazonaws.com"));
        assertEquals("sqs", LocalRedirect.service("sqs-fips.us-east-1.amazonaws.com"));
        assertEquals("execute-api", LocalRedirect.service("abc123.execute-api.eu-west-1.amazonaws.com"));
    }

    @Test
    void awsHostsNeverStayOnAwsAndOtherHostsAreLeftAlone() {
        // the test JVM has no devstack endpoints in its environment: AWS hosts go to a closed local port
        assertEquals(URI.create("http://127.0.0.1:9/s3"), LocalRedirect.target("s3.us-east-1.amazonaws.com"));
        assertEquals(URI.create("http://127.0.0.1:9/sqs"), LocalRedirect.target("sqs.us-east-1.amazonaws.com"));
        assertEquals(URI.create("http://127.0.0.1:9/dynamodb"), LocalRedirect.target("dynamodb.us-east-1.api.aws"));
        assertNull(LocalRedirect.target("localhost"));
        assertNull(LocalRedirect.target("api.stripe.com"));
    }
}
