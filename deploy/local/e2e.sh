#!/usr/bin/env bash
# The seed scenario end to end on this machine, all on loopback: HAProxy 2.6, the slow app,
# Prometheus 2.42, Alertmanager 0.25 (Debian packages, installed when missing), the mock Kubernetes
# API and the alertscaler jar built from the tree. Every process stops on exit, Ctrl-C or failure.
#   deploy/local/e2e.sh            3x compressed, about 5 minutes
#   deploy/local/e2e.sh --full     the seed's own timings, about 15 minutes
#   deploy/local/e2e.sh --assert   exit 1 unless the summary shows the expected story (CI)
# Output: target/e2e/<mode>/timeline.csv, timeline.png, summary.txt, notifications/, logs.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
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
  dev.alertscaler.e2e.EndToEnd "$@"
