#!/usr/bin/env bash
# bench/chart/draw.sh RESULTS.md OUT.png: draws the chart of a benchmark result (JFreeChart, from
# Maven Central). Builds this small project first if needed (offline if the local repository has
# JFreeChart, else through Maven Central); it is never part of the server's build or class path.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# = 2 ] || { echo "usage: $0 RESULTS.md OUT.png" >&2; exit 2; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  for c in /usr/lib/jvm/*25*; do [ -x "$c/bin/java" ] && { JAVA_HOME=$c; break; }; done
fi
export JAVA_HOME
JAR="$HERE/target/tusk-bench-chart.jar" CP="$HERE/target/classpath.txt"
if [ ! -f "$JAR" ] || [ ! -f "$CP" ] || [ -n "$(find "$HERE/src/main" "$HERE/pom.xml" -newer "$JAR" -print -quit)" ]; then
  build() { (cd "$HERE" && mvn -B -q "$@" -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime); }
  build -o >"$HERE/target.log" 2>&1 || build >"$HERE/target.log" 2>&1 || { grep -E 'ERROR' "$HERE/target.log" | head -5 >&2; exit 1; }
  rm -f "$HERE/target.log"
fi
exec "$JAVA_HOME/bin/java" -Djava.awt.headless=true -cp "$JAR:$(cat "$CP")" org.tusk.benchchart.DrawChart "$1" "$2"
