# Sourced by the suites that start real n8n processes (scripts/e2e.sh, scripts/browser.sh).

# Writes a jest-shaped report with one failed test, so scripts/summarize-jest.js counts the failure.
#   suite_fail_report <report.json> <test name> <message>
suite_fail_report() {
  node -e 'const [file, name, message] = process.argv.slice(1);
    require("fs").writeFileSync(file, JSON.stringify({ numPassedTests: 0, numFailedTests: 1, numPendingTests: 0,
      numTodoTests: 0, numRuntimeErrorTestSuites: 0, success: false,
      testResults: [{ name, status: "failed", message }] }));' "$1" "$2" "$3"
}

# Kills the process groups listed in a pid file whose leader is still a process matching the pattern
# (a pid may have been reused since), then removes the file.
#   suite_kill_started <pidfile> <extended regexp for ps args>
suite_kill_started() {
  local pid
  while read -r pid; do
    [ -n "$pid" ] || continue
    if ps -o args= -p "$pid" 2>/dev/null | grep -Eq "$2"; then kill -KILL -- "-$pid" 2>/dev/null; fi
  done < "$1"
  rm -f "$1"
}
