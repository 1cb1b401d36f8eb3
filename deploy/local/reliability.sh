#!/usr/bin/env bash
# The long reliability runs (docs/reliability.md): a soak of the packaged jar, a big seeded fuzz,
# repeated fault-injection and kill -9 runs with fresh seeds. All on loopback against the mock
# Kubernetes API (fabric8's, in CRUD mode: no kube-apiserver can be installed here); every process
# stops by itself. The fast versions of the same tests run in ./mvnw verify.
#   deploy/local/reliability.sh            10-minute soak at 50 notifications/s, 20,000 fuzz inputs
#                                          of each kind, 5 fault-injection and 5 kill -9 runs (about 30 min)
#   deploy/local/reliability.sh --quick    2-minute soak, 2,000 fuzz inputs, 1 run of each (about 5 min)
# Output: target/reliability/: soak.csv, runs.csv, summary.txt. Exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/../.."

minutes=10 fuzz=20000 runs=5
if [ "${1:-}" = "--quick" ]; then minutes=2 fuzz=2000 runs=1; fi
out=target/reliability
rm -rf "$out" && mkdir -p "$out"

./mvnw -B -q package -DskipTests
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp=target/test-classes:target/classes:$(cat target/test-classpath.txt)

echo "suite,run,result,seconds,figures" > "$out/runs.csv"
failed=0

# one_it SUITE RUN CLASS [PROPERTIES...]: runs one integration test class on its own, records a row
one_it() {
  local suite=$1 run=$2 class=$3; shift 3
  local log="$out/$suite-$run.log" start result figures
  start=$(date +%s)
  if ./mvnw -B -q failsafe:integration-test failsafe:verify -Dit.test="$class" "$@" > "$log" 2>&1; then
    result=pass
  else
    result=FAIL; failed=1
  fi
  figures=$(grep -E "^(FuzzIT|FaultInjectionIT|KillRestartIT)" "$log" | tr ',' ';' | tr '\n' ' ' | sed 's/ *$//')
  echo "$suite,$run,$result,$(( $(date +%s) - start )),$figures" >> "$out/runs.csv"
  echo "$suite run $run: $result"
}

echo "== soak: $minutes minutes at 50 notifications/s"
if java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" dev.alertscaler.bench.Soak "$minutes" 50 "$out" \
    > "$out/soak.log" 2>&1; then soak=pass; else soak=FAIL; failed=1; fi
echo "soak: $soak — $(cat "$out/soak-verdict.txt" 2>/dev/null || echo 'no verdict')"

echo "== fuzz: $fuzz inputs of each kind"
one_it fuzz 1 FuzzIT -Dfuzz.count="$fuzz"

echo "== fault injection and kill -9: $runs runs each, fresh seeds"
for run in $(seq 1 "$runs"); do
  one_it faults "$run" FaultInjectionIT
  one_it kill "$run" KillRestartIT
done

{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
  echo "soak: $soak — $(cat "$out/soak-verdict.txt" 2>/dev/null)"
  cat "$out/runs.csv"
} > "$out/summary.txt"
cat "$out/summary.txt"
exit $failed
