# Sourced by e2e.sh, bench.sh and run.sh, from the repository root.

# install_missing COMMAND=PACKAGE ...: installs, with apt as root, the Debian packages of the
# commands that are not on the PATH; without root, says what is missing and exits.
install_missing() {
  local need=() pair
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || need+=("${pair#*=}")
  done
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then echo "missing: ${need[*]} (install them, or run as root)"; exit 1; fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
  fi
}

# exec_test_main CLASS ARGS...: builds the jar when the sources are newer than it, compiles the test
# code (the launchers, the mock API and the harnesses are test code) and runs CLASS on the test
# classpath in place of this shell.
exec_test_main() {
  if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src pom.xml -newer target/quarkus-app/quarkus-run.jar -print -quit)" ]; then
    ./mvnw -B -q package -DskipTests
  fi
  ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
  exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" "$@"
}
