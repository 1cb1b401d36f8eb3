#!/usr/bin/env bash
# Proves alertscaler's routing offline with amtool (Alertmanager 0.25+), on our own configuration and
# on kube-prometheus-stack's default with ours merged: scale-up, hold and heartbeat alerts reach
# alertscaler's receivers; kube-state-metrics' alerts (namespace + deployment labels, no
# alertscaler_role), an old rule without the role, and the chart's Watchdog do not.
# Usage: deploy/alertmanager/test-routes.sh   (run by .ci/run)
set -euo pipefail
cd "$(dirname "$0")"

failed=0
expect() { # expect CONFIG RECEIVER LABEL...
  local config=$1 want=$2; shift 2
  local got
  got=$(amtool config routes test --config.file="$config" "$@" 2>/dev/null || true)
  if [ "$got" = "$want" ]; then
    printf 'ok    %-28s %-22s %s\n' "$config" "$want" "$*"
  else
    printf 'FAIL  %-28s want %s, got %s: %s\n' "$config" "$want" "${got:-nothing}" "$*"
    failed=1
  fi
}

for config in alertmanager.yml kube-prometheus-stack.yml; do
  amtool check-config "$config" >/dev/null
  expect "$config" alertscaler alertname=HAProxyBackendQueueHigh alertscaler_role=scale-up namespace=default deployment=app
  expect "$config" alertscaler alertname=HAProxyBackendBusy alertscaler_role=hold namespace=default deployment=app
  expect "$config" alertscaler alertname=DbQueueHigh alertscaler_role=scale-up namespace=data statefulset=db
  expect "$config" alertscaler-heartbeat alertname=AlertscalerHeartbeat alertscaler_role=heartbeat
done

# what must not reach alertscaler: the chart's default receiver is "null", ours is "humans"
for pair in "alertmanager.yml humans" "kube-prometheus-stack.yml null"; do
  set -- $pair
  config=$1 other=$2
  expect "$config" "$other" alertname=KubeDeploymentReplicasMismatch namespace=default deployment=app severity=warning
  expect "$config" "$other" alertname=KubeDeploymentGenerationMismatch namespace=default deployment=app severity=warning
  expect "$config" "$other" alertname=KubeDeploymentRolloutStuck namespace=default deployment=app severity=warning
  expect "$config" "$other" alertname=KubeStatefulSetReplicasMismatch namespace=data statefulset=db severity=warning
  expect "$config" "$other" alertname=HAProxyBackendQueueHigh namespace=default deployment=app
  expect "$config" "$other" alertname=Watchdog severity=none
done

[ "$failed" = 0 ] || { echo "routing differs from what alertscaler needs"; exit 1; }
echo "routes: all as expected"
