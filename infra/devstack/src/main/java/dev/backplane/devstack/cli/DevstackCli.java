package dev.backplane.devstack.cli;

import dev.backplane.devstack.Devstack;
import dev.backplane.devstack.DevstackOptions;
import dev.backplane.devstack.lambda.Invoker;
import dev.backplane.devstack.logs.ConsoleLog;
import dev.backplane.devstack.ops.StatusLine;
import dev.backplane.devstack.template.TemplateException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code devstack run [--template F] [--port N] [--persist DIR] [--region R] [--no-schedules] [--param K=V]} and
 * {@code devstack invoke <FunctionLogicalId> --event FILE [--template F] [--port N]}.
 */
public final class DevstackCli {
    private DevstackCli() {}

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() || rest.contains("--help") || rest.contains("-h") ? "help" : rest.removeFirst();
        try {
            switch (command) {
                case "run" -> run(Arguments.parse(rest));
                case "invoke" -> System.exit(invoke(Arguments.parse(rest)));
                default -> {
                    usage(System.out);
                    if (!command.equals("help")) System.exit(2);
                }
            }
        } catch (TemplateException | IllegalArgumentException e) {
            System.err.println("devstack: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            // a server could not start (typically: a port in use by another devstack): one clear line, no stack trace
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            System.err.println("devstack: " + e.getMessage() + (root != e ? " (" + root.getMessage() + ")" : "")
                + (root instanceof java.net.BindException ? ". Is another devstack running? Choose other ports with --port N." : ""));
            System.exit(1);
        }
    }

    private static void usage(PrintStream out) {
        out.println("""
            usage: devstack run    [--template template.yaml] [--port 4566] [--persist DIR] [--region us-east-1] [--no-schedules]
                                  [--param Name=Value] [--no-oidc] [--spa frontend/dist]
                                  [--stack-name NAME] [--account-id 000000000000] [--partition aws]
                                  [--max-instances 2] [--max-jvms 16] [--idle-stop 180] [--prestart Fn1,Fn2] [--no-aot-cache]
                                  [--lambda-endpoint http://localhost:4566 [--function-name LogicalId=Name]...] [--no-status]
                   devstack invoke <FunctionLogicalId> --event FILE [--template template.yaml] [--port 4566]
            Paths are relative to the current folder; without --template, its template.yaml (or template.yml) is used.
            Ports: API Gateway = --port, DynamoDB = +1, SQS = +2, EventBridge, Lambda and /_devstack admin = +3, OIDC = +4, SPA = +5.
            --lambda-endpoint: hybrid mode, the functions run there (e.g. LocalStack, stack --stack-name); only the APIs,
            authorizers, OIDC, Stripe simulator and SPA run here.""");
    }

    private static void run(Arguments a) throws InterruptedException {
        var started = new java.util.concurrent.atomic.AtomicReference<Devstack>();
        // on a terminal, one live line of numbers under the logs (--no-status: logs only)
        StatusLine status = a.status && a.lambdaEndpoint == null && StatusLine.isTerminal()
            ? new StatusLine(ConsoleLog.stdout(), System.out, () -> started.get() == null ? null : started.get().stats(), Duration.ofSeconds(1)) : null;
        DevstackOptions options = status == null ? a.options() : a.options().withLog(status);
        Devstack devstack = a.lambdaEndpoint == null ? Devstack.start(options) : Devstack.startHybrid(options,
            new dev.backplane.devstack.hybrid.HybridOptions(a.lambdaEndpoint, a.params.get(dev.backplane.devstack.template.Intrinsics.STACK_NAME), a.functionNames));
        if (!devstack.hybrid()) {
            for (String f : a.prestart) devstack.lambda().function(f); // unknown names fail here, naming the functions
            devstack.lambda().prestart(a.prestart);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (status != null) status.close();
            System.out.println("\ndevstack: stopping (functions, servers)...");
            devstack.close();
            stopped.countDown();
        }, "devstack-shutdown"));
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println();
        System.out.println("devstack is up: " + devstack.template().file());
        devstack.urls().forEach((name, url) -> System.out.printf("  %-14s %s%n", name, url));
        if (devstack.hybrid()) {
            System.out.printf("  %-14s %s%n", "Functions", "run at " + a.lambdaEndpoint + " (hybrid mode; their logs are there)");
        } else {
            System.out.printf("  %-14s %s%n", "Functions", devstack.lambda().functionIds().size() + " (start on first use; logs below, prefixed with the function)");
            System.out.printf("  %-14s %s%n", "Limits", devstack.lambda().limits() + " (--max-instances, --max-jvms, --idle-stop)");
        }
        System.out.printf("  %-14s %d ms (JVM start to ready: %d ms)%n", "Startup", devstack.startupMillis(), sinceJvmStart);
        System.out.println("Ctrl-C stops everything.");
        started.set(devstack); // the status line starts below the startup summary
        stopped.await();
    }

    /** Invokes through a running devstack's admin API (same data), else on a private in-memory devstack. */
    private static int invoke(Arguments a) throws Exception {
        if (a.positional.isEmpty() || a.event == null) {
            usage(System.err);
            return 2;
        }
        String function = a.positional.getFirst();
        byte[] event = Files.readAllBytes(a.event);
        int adminPort = a.port + 3;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + adminPort + "/_devstack/functions/" + function + "/invoke"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println(response.body());
            return response.statusCode() == 200 && response.headers().firstValue("X-Amz-Function-Error").isEmpty() ? 0 : 1;
        } catch (ConnectException notRunning) {
            // no devstack on that port: start a private one
        }
        try (Devstack devstack = Devstack.start(a.options().withPort(0).withScheduleClocks(false).withOidc(false).withSpaDir(null)
                .withLog(new ConsoleLog(System.err, false)))) {
            System.out.println(new String(devstack.lambda().invoke(function, event), StandardCharsets.UTF_8));
            return 0;
        } catch (Invoker.FunctionError e) {
            System.out.println("{\"errorType\":\"" + e.errorType() + "\",\"errorMessage\":" + dev.backplane.devstack.Json.text(e.getMessage()) + "}");
            return 1;
        }
    }

    private static final class Arguments {
        Path template;
        int port = DevstackOptions.DEFAULT_PORT;
        Path persist;
        String region = "us-east-1";
        String accountId = "000000000000";
        int maxInstances = dev.backplane.devstack.lambda.FunctionLimits.DEFAULTS.instancesPerFunction();
        int maxJvms = dev.backplane.devstack.lambda.FunctionLimits.DEFAULTS.maxJvms();
        long idleStopSeconds = dev.backplane.devstack.lambda.FunctionLimits.DEFAULTS.idleStop().toSeconds();
        final List<String> prestart = new ArrayList<>();
        boolean aot = !"off".equalsIgnoreCase(System.getenv("DEVSTACK_AOT"));
        boolean schedules = true;
        boolean oidc = true;
        Path spa;
        Path event;
        URI lambdaEndpoint;
        boolean status = true;
        final Map<String, String> functionNames = new LinkedHashMap<>();
        final Map<String, String> params = new LinkedHashMap<>();
        final List<String> positional = new ArrayList<>();

        static Arguments parse(List<String> args) {
            Arguments a = new Arguments();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--template" -> a.template = existing(value(args, ++i, arg), "--template", false);
                    case "--port" -> a.port = Integer.parseInt(value(args, ++i, arg));
                    case "--persist" -> a.persist = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                    case "--region" -> a.region = value(args, ++i, arg);
                    case "--account-id" -> a.accountId = value(args, ++i, arg);
                    case "--stack-name" -> a.params.put(dev.backplane.devstack.template.Intrinsics.STACK_NAME, value(args, ++i, arg));
                    case "--partition" -> a.params.put(dev.backplane.devstack.template.Intrinsics.PARTITION, value(args, ++i, arg));
                    case "--event" -> a.event = existing(value(args, ++i, arg), "--event", false);
                    case "--max-instances" -> a.maxInstances = Integer.parseInt(value(args, ++i, arg));
                    case "--max-jvms" -> a.maxJvms = Integer.parseInt(value(args, ++i, arg));
                    case "--idle-stop" -> a.idleStopSeconds = Integer.parseInt(value(args, ++i, arg));
                    case "--prestart" -> a.prestart.addAll(List.of(value(args, ++i, arg).split(",")));
                    case "--no-aot-cache" -> a.aot = false;
                    case "--no-schedules" -> a.schedules = false;
                    case "--no-oidc" -> a.oidc = false;
                    case "--no-status" -> a.status = false;
                    case "--lambda-endpoint" -> a.lambdaEndpoint = URI.create(value(args, ++i, arg));
                    case "--function-name" -> {
                        String kv = value(args, ++i, arg);
                        if (kv.indexOf('=') < 1) throw new IllegalArgumentException("--function-name needs LogicalId=Name, got " + kv);
                        a.functionNames.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                    case "--spa" -> a.spa = existing(value(args, ++i, arg), "--spa", true);
                    case "--param" -> {
                        String kv = value(args, ++i, arg);
                        if (kv.indexOf('=') < 1) throw new IllegalArgumentException("--param needs Name=Value, got " + kv);
                        a.params.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                    default -> {
                        if (arg.startsWith("--")) throw new IllegalArgumentException("unknown option " + arg);
                        a.positional.add(arg);
                    }
                }
            }
            if (a.template == null) a.template = defaultTemplate();
            return a;
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size()) throw new IllegalArgumentException(option + " needs a value");
            return args.get(i);
        }

        /** A path given on the command line, relative to the caller's folder; it must exist. */
        private static Path existing(String value, String option, boolean directory) {
            Path path = Path.of(value).toAbsolutePath().normalize();
            if (directory ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
                throw new IllegalArgumentException(option + ": " + (directory ? "directory" : "file") + " not found: " + path);
            }
            return path;
        }

        /** As sam: template.yaml, else template.yml, of the current folder. */
        private static Path defaultTemplate() {
            Path here = Path.of("").toAbsolutePath();
            for (String name : List.of("template.yaml", "template.yml")) {
                if (Files.isRegularFile(here.resolve(name))) return here.resolve(name);
            }
            throw new IllegalArgumentException("no template.yaml in " + here + ": run devstack in a SAM project's folder or pass --template FILE");
        }

        DevstackOptions options() {
            Path spa = this.spa != null ? this.spa : template.toAbsolutePath().getParent().resolve("frontend/dist");
            return DevstackOptions.defaults(template).withPort(port).withPersistDir(persist).withRegion(region).withAccountId(accountId)
                .withScheduleClocks(schedules).withParameters(params).withOidc(oidc).withSpaDir(spa)
                .withLimits(new dev.backplane.devstack.lambda.FunctionLimits(maxInstances, maxJvms, Duration.ofSeconds(idleStopSeconds), aot));
        }
    }

}
