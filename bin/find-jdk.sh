# Sourced by ./mvnw and ./chronoscale: picks a JDK whose release is 21 or newer.
# Order: $JAVA_HOME, the `java` on the PATH, then the usual JVM folders.
# Sets CHRONOSCALE_JAVA_HOME, or prints why it could not and returns 1.

jdk_release() {
  # Prints the feature release (e.g. 21) of the JDK at $1, or nothing.
  local home="$1" version
  [ -x "$home/bin/java" ] || return 0
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$version" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$version"
}

find_jdk() {
  local candidates=() home release
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
              /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$home" ] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    release=$(jdk_release "$home")
    if [ -n "$release" ] && [ "$release" -ge 21 ] && [ -x "$home/bin/javac" ]; then
      CHRONOSCALE_JAVA_HOME="$home"
      return 0
    fi
  done
  echo "chronoscale: no JDK 21 or newer found (looked at JAVA_HOME, java on the PATH, /usr/lib/jvm and the usual folders)." >&2
  echo "chronoscale: install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
  return 1
}
