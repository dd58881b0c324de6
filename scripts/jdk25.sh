#!/usr/bin/env bash
# Sourced by every script: selects a JDK 25 without hard-coding its path, or stops with a clear message.
# Order: $JAVA_HOME if it is 25+, then JDKs under /usr/lib/jvm and ~/.sdkman, then `java` on PATH.
bp_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
bp_find_jdk25() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/* \
                   "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(bp_java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}
if ! JAVA_HOME=$(bp_find_jdk25); then
  echo "error: Backplane needs a JDK 25 (found none in \$JAVA_HOME, /usr/lib/jvm or on PATH)." >&2
  echo "       Install one (e.g. Temurin 25) and/or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
