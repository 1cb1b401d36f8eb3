#!/usr/bin/env bash
# Runs alertscaler on this machine with no cluster: builds the jar, then starts the fabric8 mock
# Kubernetes API (CRUD mode) seeded with the sample Deployment default/app, a stand-in kubelet that
# marks new pods ready after --ready-delay, and the packaged service against them; prints the curl
# commands to try it. Ctrl-C stops everything. Options are LocalRun's (see its Javadoc).
set -euo pipefail
cd "$(dirname "$0")/../.."

. deploy/local/lib.sh

exec_test_main dev.alertscaler.local.LocalRun "$@"
