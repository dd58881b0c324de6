#!/usr/bin/env bash
# Cold start: fresh JVM → first response to an events/ sample, for our functions and, in the same run, the two
# baselines (plain RequestHandler, @SpringBootApplication + FunctionInvoker) from bench/coldstart/baselines.
# Functions run against a devstack started here (DynamoDB Local, EventBridge). Results: medians of N runs.
source "$(dirname "$0")/lib.sh"
N=${N:-7}
PORT=${PORT:-4700}
J="$JAVA_HOME/bin/java"
FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"   # what template.yaml sets through JAVA_TOOL_OPTIONS
OUT=$(mktemp -d)
SER=$(ls ~/.m2/repository/com/amazonaws/aws-lambda-java-serialization/1.2.0/aws-lambda-java-serialization-1.2.0.jar)

echo "building artifacts and baselines..." >&2
mvn -B -q -ntp -DskipTests package >&2   # every artifact, and devstack's jar for its launcher
(cd bench/coldstart/baselines/plain && mvn -B -q -ntp package) >&2
(cd bench/coldstart/baselines/boot && mvn -B -q -ntp package) >&2
# the harness goes in a jar: AppCDS and the AOT cache refuse directories on the class path
mkdir -p "$OUT/h" && javac -d "$OUT/h" -cp functions/orders/target/orders-lambda.jar bench/coldstart/InvokeOnce.java
jar cf "$OUT/harness.jar" -C "$OUT/h" .

# devstack with template.yaml's table and event bus only: with no function in it, nothing a measured function writes
# or publishes starts other JVMs beside the measurement
{ printf 'Transform: AWS::Serverless-2016-10-31\nResources:\n'
  awk '/^  AppTable:$/ {on=1; print; next} on && /^  [A-Za-z]+:$/ {on=0} on' template.yaml
  printf '  EventBus:\n    Type: AWS::Events::EventBus\n    Properties:\n      Name: backplane-dev\n'; } > "$OUT/template.yaml"
echo "starting devstack on $PORT..." >&2
infra/devstack/devstack.sh run --template "$OUT/template.yaml" --port "$PORT" --no-schedules > "$OUT/devstack.log" 2>&1 &
DEVSTACK=$!
trap 'kill $DEVSTACK 2>/dev/null || true; wait $DEVSTACK 2>/dev/null || true; rm -rf "$OUT"' EXIT   # errexit applies inside the trap: a killed devstack's status must not fail the run
for _ in $(seq 120); do grep -q "devstack is up" "$OUT/devstack.log" && break; sleep 0.5; done
grep -q "devstack is up" "$OUT/devstack.log" || { cat "$OUT/devstack.log" >&2; exit 1; }
export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench TABLE_NAME=AppTable EVENT_BUS_NAME=backplane-dev
export AWS_ENDPOINT_URL_DYNAMODB="http://localhost:$((PORT + 1))" AWS_ENDPOINT_URL_EVENTBRIDGE="http://localhost:$((PORT + 3))"
export AWS_LAMBDA_FUNCTION_NAME=bench POWERTOOLS_METRICS_NAMESPACE=Backplane POWERTOOLS_SERVICE_NAME=bench
export CURSOR_SIGNING_KEY="$(head -c 32 /dev/urandom | base64)"   # a function in a Lambda runtime refuses to start without one
"$J" -cp functions/orders/target/orders-lambda.jar dev.backplane.orders.store.CatalogSeeder infra/seed/products.json >&2

median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
elapsed() { local s; s=$(date +%s%N); "$@" > "$OUT/last.out" 2>&1; local rc=$?; echo "$(( ($(date +%s%N) - s) / 1000000 ))"; return $rc; }
measure_ms() {
  local name=$1; shift; local times=()
  for _ in $(seq "$N"); do times+=("$(elapsed "$@")") || { echo "$name failed:" >&2; tail -20 "$OUT/last.out" >&2; return 1; }; done
  printf "%s\n" "${times[@]}" | median | xargs printf "| %-52s | %6s ms |\n" "$name"
}
invoker=org.springframework.cloud.function.adapter.aws.FunctionInvoker
run_fn() { local extra=$1 jar=$2 def=$3 event=$4; SPRING_CLOUD_FUNCTION_DEFINITION=$def "$J" $extra -cp "$jar:$SER:$OUT/harness.jar" InvokeOnce $invoker "$event"; }
train() { local opt=$1 jar=$2 def=$3 event=$4; SPRING_CLOUD_FUNCTION_DEFINITION=$def "$J" $FLAGS $opt -cp "$jar:$SER:$OUT/harness.jar" InvokeOnce $invoker "$event" > /dev/null 2>&1 || true; }

echo "| variant (median of $N fresh JVMs, $(nproc) cores) | cold |"
echo "|---|---|"
measure_ms "java -version (floor)" "$J" $FLAGS -version
measure_ms "baseline plain RequestHandler" "$J" $FLAGS -cp "bench/coldstart/baselines/plain/target/a-plain-1.0.jar:$SER" anchor.Main bench/coldstart/baselines/event.json
measure_ms "baseline @SpringBootApplication + FunctionInvoker" "$J" $FLAGS -cp bench/coldstart/baselines/boot/target/b-boot-1.0.jar anchor.Main bench/coldstart/baselines/event.json
PLAIN="bench/coldstart/baselines/plain/target/a-plain-1.0.jar:$SER"; BOOT=bench/coldstart/baselines/boot/target/b-boot-1.0.jar
"$J" $FLAGS -XX:AOTCacheOutput="$OUT/plain.aot" -cp "$PLAIN" anchor.Main bench/coldstart/baselines/event.json > /dev/null 2>&1 || true
measure_ms "baseline plain + JDK 25 AOT cache" "$J" $FLAGS -XX:AOTCache="$OUT/plain.aot" -cp "$PLAIN" anchor.Main bench/coldstart/baselines/event.json
"$J" $FLAGS -XX:AOTCacheOutput="$OUT/boot.aot" -cp "$BOOT" anchor.Main bench/coldstart/baselines/event.json > /dev/null 2>&1 || true
measure_ms "baseline Spring Boot + JDK 25 AOT cache" "$J" $FLAGS -XX:AOTCache="$OUT/boot.aot" -cp "$BOOT" anchor.Main bench/coldstart/baselines/event.json
for spec in "orders-lambda getProduct GetProductFunction/get-product_found.json" \
            "orders-lambda placeOrder PlaceOrderFunction/place-order_valid.json" \
            "orders-lambda listProducts ListProductsFunction/list-products_first-page.json" \
            "ops-lambda relayOutbox OutboxRelayFunction/stream_outbox-insert.json" \
            "ops-lambda recordEvent RecordEventFunction/sqs_order-placed.json"; do
  read -r artifact def event <<< "$spec"
  module=${artifact%-lambda}
  jar=functions/$module/target/$artifact.jar
  measure_ms "$def" run_fn "$FLAGS" "$jar" "$def" "events/$event"
  train "-XX:ArchiveClassesAtExit=$OUT/$def.jsa" "$jar" "$def" "events/$event"
  measure_ms "$def + AppCDS" run_fn "$FLAGS -XX:SharedArchiveFile=$OUT/$def.jsa" "$jar" "$def" "events/$event"
  train "-XX:AOTCacheOutput=$OUT/$def.aot" "$jar" "$def" "events/$event"
  measure_ms "$def + JDK 25 AOT cache" run_fn "$FLAGS -XX:AOTCache=$OUT/$def.aot" "$jar" "$def" "events/$event"
done
echo
echo "artifact sizes:"
ls -l functions/*/target/*-lambda.jar | grep -v original- | awk '{printf "  %-48s %6.1f MB\n", $9, $5/1048576}'
