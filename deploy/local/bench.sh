#!/usr/bin/env bash
# The benchmarks (BENCHMARKS.md): webhook, reconciler, footprint on the packaged jar against the mock
# Kubernetes API, and the end-to-end comparison with a model of KEDA + HPA. All on loopback; every
# process stops on exit. Installs hey and the end-to-end stack's Debian packages when missing (as root).
#   deploy/local/bench.sh                  5 runs each, 3 compressed end-to-end runs per scaler and load shape (about 2 hours)
#   deploy/local/bench.sh --full           and one end-to-end run per scaler and shape at the seed's timings (+95 minutes)
#   deploy/local/bench.sh --only compare --shapes sustained --compare-runs 0 --full   one shape, full runs only
#   deploy/local/bench.sh --only webhook   one section: webhook, pair (a group to two instances), reconciler, footprint, compare
#   deploy/local/bench.sh --only footprint --baseline ../before/target --variants jvm-image,jvm-image@baseline
#                                          a change's before and after in the same runs (a worktree of the earlier commit, packaged)
#   deploy/local/bench.sh --smoke          CI: one short run, checks the CSVs' schema and counts, not speed
# Output: target/bench/ (target/bench-smoke/): a CSV per run, summary.csv and summary.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

. deploy/local/lib.sh

install_missing hey=hey haproxy=haproxy prometheus=prometheus prometheus-alertmanager=prometheus-alertmanager gnuplot=gnuplot-nox
exec_test_main dev.alertscaler.bench.Bench "$@"
