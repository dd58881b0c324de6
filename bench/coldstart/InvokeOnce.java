import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

/**
 * What the Lambda Java runtime does for a RequestStreamHandler, once, in a fresh JVM: instantiate the handler class,
 * call handleRequest(in, out, ctx), print the response. Usage: InvokeOnce <handlerClass> <event.json>
 */
public class InvokeOnce {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        Constructor<?> ctor = type.getDeclaredConstructor();
        Object handler = ctor.newInstance();
        Method handle = type.getMethod("handleRequest", InputStream.class, java.io.OutputStream.class, Context.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new FileInputStream(args[1])) {
            handle.invoke(handler, in, out, new LocalContext());
        }
        System.out.println(out.toString("UTF-8"));
        System.err.printf("invoke-once-ms=%.1f%n", (System.nanoTime() - start) / 1e6);
        System.exit(0);
    }

    static final class LocalContext implements Context {
        public String getAwsRequestId() { return "bench-request-1"; }
        public String getLogGroupName() { return "/aws/lambda/bench"; }
        public String getLogStreamName() { return "bench"; }
        public String getFunctionName() { return System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "bench"); }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:bench"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return 30_000; }
        public int getMemoryLimitInMB() { return 1024; }
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String m) { System.err.print(m); }
                public void log(byte[] m) { System.err.write(m, 0, m.length); }
            };
        }
    }
}
