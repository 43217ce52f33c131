#!/usr/bin/env bash
# The consumer matrix (issue 13): small real Maven projects outside the reactor, each a user's build
# running the README's quick start against the artifacts `mvn install` put in the local repository.
# Usage: src/it/consumers/run-matrix.sh [extra mvn args, e.g. -Dmaven.repo.local=/path]
# Each project runs offline first (-o) and goes online only when something is not resolved yet.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
version=$(awk '/<version>/ { gsub(/.*<version>|<\/version>.*/, ""); print; exit }' "$root/pom.xml")
quick_start="$root/examples/src/test/java/io/github/fakeims/examples/QuickStartTest.java"
mvn_args=(-B -q "-Dfake-ims.version=$version" -DfailIfNoTests=true -Dsurefire.printSummary=false "$@")
started=$(date +%s)

# consumer DESCRIPTION DIRECTORY [mvn args…]
consumer() {
  local description=$1 dir="$here/$2" log
  shift 2
  log="$dir/target/matrix.log"
  # The quick start is the examples' one, copied at each run so the two cannot drift.
  mkdir -p "$dir/src/test/java/io/github/fakeims/examples" "$dir/target"
  cp "$quick_start" "$dir/src/test/java/io/github/fakeims/examples/QuickStartTest.java"
  local t0; t0=$(date +%s)
  rm -rf "$dir/target/surefire-reports"
  if ! (cd "$dir" && mvn -o "${mvn_args[@]}" "$@" clean verify >"$log" 2>&1); then
    if grep -q -e 'offline mode' -e 'has not been downloaded from it before' -e 'Cannot access .* in offline' "$log"; then
      (cd "$dir" && mvn "${mvn_args[@]}" "$@" clean verify >"$log" 2>&1) || { cat "$log"; echo "consumer matrix: FAILED: $description" >&2; exit 1; }
    else
      cat "$log"; echo "consumer matrix: FAILED: $description" >&2; exit 1
    fi
  fi
  local tests
  tests=$(cat "$dir"/target/surefire-reports/TEST-*.xml | grep -o '<testsuite [^>]*tests="[0-9]*"' | sed 's/.*tests="//; s/"//' | awk '{ n += $1 } END { print n + 0 }')
  [ "$tests" -gt 0 ] || { echo "consumer matrix: FAILED: $description ran no test" >&2; exit 1; }
  echo "consumer matrix: $description: $tests tests passed ($(( $(date +%s) - t0 )) s)"
}

for junit in 5.10.5 5.11.4 5.14.4 6.0.3; do
  consumer "junit-jupiter $junit declared after the toolkit" junit-after-toolkit "-Djunit.version=$junit"
done
consumer "JUnit BOM 6.0.3 and fake-ims-bom" junit-bom
consumer "spring-boot-starter-test 3.5 with Boot's parent" spring-boot-parent
consumer "spring-boot-starter-test 3.5 without Boot's parent" spring-boot-no-parent
consumer "BouncyCastle 1.78.1 and AssertJ 3.25.3 pinned" older-libraries
consumer "nimbus-jose-jwt 9.37.3 pinned: malformed JWTs still refused" nimbus-9.37
echo "consumer matrix: all passed in $(( $(date +%s) - started )) s (fake-ims $version)"
