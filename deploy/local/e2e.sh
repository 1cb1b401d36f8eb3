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

. deploy/local/lib.sh

install_missing haproxy=haproxy prometheus=prometheus prometheus-alertmanager=prometheus-alertmanager gnuplot=gnuplot-nox
exec_test_main dev.alertscaler.e2e.EndToEnd "$@"
