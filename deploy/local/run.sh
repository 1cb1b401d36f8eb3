#!/usr/bin/env bash
# Runs alertscaler on this machine with no cluster: builds the jar, then starts the fabric8 mock
# Kubernetes API (CRUD mode) seeded with the sample Deployment default/app, a stand-in kubelet that
# marks new pods ready after --ready-delay, and the packaged service against them; prints the curl
# commands to try it. Ctrl-C stops everything. Options are LocalRun's (see its Javadoc).
set -euo pipefail
cd "$(dirname "$0")/../.."

./mvnw -B -q package -DskipTests
# the launcher and the mock API are test code: run them with the test classpath
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.alertscaler.local.LocalRun "$@"
