# Sourced by ./mvnw and ./openledger: selects a JDK >= 25 for the build and exports JAVA_HOME.
# Order: $JAVA_HOME if it is new enough, then every JDK under /usr/lib/jvm (newest first).
# The machine's default `java` may be 17; it is never used for the build.
ol_required_jdk=25

ol_jdk_feature() { # prints the feature release of the JDK at $1 (e.g. 25), or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

ol_select_jdk() {
  local candidate feature
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -n "$candidate" ] || continue
    feature=$(ol_jdk_feature "$candidate")
    if [ -n "$feature" ] && [ "$feature" -ge "$ol_required_jdk" ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  cat >&2 <<MSG
error: OpenLedger builds with JDK $ol_required_jdk or newer, and none was found
       (looked at JAVA_HOME='${JAVA_HOME:-}' and /usr/lib/jvm/*).
fix:   install a JDK $ol_required_jdk (for example Eclipse Temurin $ol_required_jdk) and either
       put it under /usr/lib/jvm or run:  export JAVA_HOME=/path/to/jdk-$ol_required_jdk
MSG
  return 1
}
