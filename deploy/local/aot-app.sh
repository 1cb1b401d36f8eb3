#!/usr/bin/env bash
# Builds the JVM image's JDK 25 variant from the committed tree: the jar with Quarkus' AOT packaging
# and the AOT cache its @QuarkusIntegrationTest stories trained (`./mvnw verify -Paot` on a JDK 25),
# into target/aot-app/quarkus-app. The footprint benchmark (bench.sh --only footprint) measures it
# beside the other variants when it is there. A cache works only with the JDK build that wrote it.
# The same steps as the image src/main/docker/Dockerfile.jvm-aot builds, without a container engine.
#   deploy/local/aot-app.sh          JDK25_HOME defaults to /usr/lib/jvm/temurin-25-jdk-amd64
set -euo pipefail
cd "$(dirname "$0")/../.."

JDK25_HOME=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ ! -x "$JDK25_HOME/bin/java" ]; then
  echo "no JDK 25 at $JDK25_HOME: set JDK25_HOME"
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q . "$work"
(cd "$work" && JAVA_HOME="$JDK25_HOME" ./mvnw -B -q verify -Paot -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false)
rm -rf target/aot-app
mkdir -p target/aot-app
# -a: the cache checks the jar's timestamp
cp -a "$work/target/quarkus-app" target/aot-app/
rm -f target/aot-app/quarkus-app/app-cds.jsa   # an AppCDS archive the build also leaves; nothing starts with it
ls -l target/aot-app/quarkus-app/app.aot
# The check src/main/docker/Dockerfile.jvm-aot makes before it tags the image: with -XX:AOTMode=on the JVM
# stops if it cannot use the cache; with it, the application starts and refuses for want of a webhook token.
# With the image's own options (its JDK_JAVA_OPTIONS hold -XX:AOTCache=app.aot): a cache also depends on some of them.
image_options=$(sed -n 's/^ENV JDK_JAVA_OPTIONS="\(.*\)"$/\1/p' src/main/docker/Dockerfile.jvm-aot)
check=$(cd target/aot-app/quarkus-app && JDK_JAVA_OPTIONS="$image_options" "$JDK25_HOME/bin/java" -XX:AOTMode=on -jar quarkus-run.jar 2>&1 || true)
if ! grep -q alertscaler.webhook.token <<<"$check"; then
  echo "$check" | head -20
  echo "the JVM at $JDK25_HOME does not accept the cache"
  exit 1
fi
echo "the cache maps on $("$JDK25_HOME/bin/java" -version 2>&1 | sed -n 2p)"
