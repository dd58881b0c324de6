package dev.backplane.devstack.lambda;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** X-Ray trace headers in Lambda's format, so code that reads _X_AMZN_TRACE_ID / the trace header sees a valid value. */
final class TraceIds {
    private TraceIds() {}

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String epoch = Long.toHexString(System.currentTimeMillis() / 1000);
        String id = HexFormat.of().toHexDigits(random.nextLong()).substring(0, 16) + HexFormat.of().toHexDigits(random.nextInt());
        String parent = HexFormat.of().toHexDigits(random.nextLong());
        return "Root=1-" + epoch + "-" + id.substring(0, 24) + ";Parent=" + parent + ";Sampled=0;Lineage=1:local:0";
    }
}
