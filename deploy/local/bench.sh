#!/usr/bin/env bash
# The benchmarks (BENCHMARKS.md): webhook, reconciler, footprint on the packaged jar against the mock
# Kubernetes API, and the end-to-end comparison with a model of KEDA + HPA. All on loopback; every
# process stops on exit. Installs hey and the end-to-end stack's Debian packages when missing (as root).
#   deploy/local/bench.sh                  5 runs each, 3 end-to-end runs per scaler (about 50 minutes)
#   deploy/local/bench.sh --full           and one end-to-end run per scaler at the seed's timings (+30 minutes)
#   deploy/local/bench.sh --only webhook   one section: webhook, reconciler, footprint, compare
#   deploy/local/bench.sh --smoke          CI: one short run, checks the CSVs' schema and counts, not speed
# Output: target/bench/ (target/bench-smoke/): a CSV per run, summary.csv and summary.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v hey >/dev/null 2>&1 || need+=(hey)
command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || need+=(prometheus-alertmanager)
command -v gnuplot >/dev/null 2>&1 || need+=(gnuplot-nox)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "missing: ${need[*]} (install them, or run as root)"; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src pom.xml -newer target/quarkus-app/quarkus-run.jar -print -quit)" ]; then
  ./mvnw -B -q package -DskipTests
fi
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.alertscaler.bench.Bench "$@"
