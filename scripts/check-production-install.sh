#!/usr/bin/env bash
# Proves the production install (run by .ci/run): the build, copied to an empty folder with only
# the runtime dependencies (`npm ci --omit=dev`), starts with `npm start`, builds its index, answers
# a question over HTTP with quotes that are in the letter, and stops cleanly on SIGTERM sent to npm.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

npm run build
deploy=$(mktemp -d "${TMPDIR:-/tmp}/briefwijzer-production-XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    pkill -KILL -P "$server" || true
    kill -KILL "$server"
  fi
  rm -rf "$deploy"
}
trap cleanup EXIT

# What a deployment ships: the manifest and lock file, the build, the letter, and the start check.
mkdir -p "$deploy/scripts"
cp -r package.json package-lock.json .npmrc dist corpus "$deploy/"
cp scripts/ensure-build.mjs "$deploy/scripts/"
cd "$deploy"
started=$(date +%s)
npm ci --omit=dev --no-audit --no-fund
echo "production install: $(($(date +%s) - started)) s"
for tool in tsx esbuild typescript vitest; do
  if [ -e "node_modules/$tool" ]; then
    echo "FAIL: development dependency $tool was installed" >&2
    exit 1
  fi
done

env -i PATH="$PATH" HOME="$HOME" HOST=127.0.0.1 PORT=0 LOG_LEVEL=info npm start >server.log 2>server.err &
server=$!
url=""
for _ in $(seq 1 600); do
  url=$(node -e 'for (const l of require("fs").readFileSync("server.log","utf8").split("\n"))
    if (l.startsWith("{")) { const j = JSON.parse(l); if (j.msg === "ready") { console.log(j.url); break; } }' 2>/dev/null || true)
  [ -n "$url" ] && break
  if ! kill -0 "$server" 2>/dev/null; then break; fi
  sleep 0.5
done
if [ -z "$url" ]; then
  echo "FAIL: the production server never became ready" >&2
  cat server.log server.err >&2
  exit 1
fi
echo "production server ready at $url after $(($(date +%s) - started)) s (install included)"

curl -fsS -X POST "$url/api/ask" -H 'Content-Type: application/json' \
  -d '{"question":"What did the Netherlands do on SLAPPs?"}' >answer.json
CORPUS="$root/corpus/kamerstuk-30420-415.txt" node -e '
  const answer = JSON.parse(require("fs").readFileSync("answer.json", "utf8"));
  // Letters only: the extracted text breaks lines, hyphenates words and carries footnote numbers.
  const letters = (s) => s.replace(/[^\p{L}]/gu, "").toLowerCase();
  const letter = letters(require("fs").readFileSync(process.env.CORPUS, "utf8"));
  const quotes = answer.citations.flatMap((c) => c.quote.split("…").filter((part) => letters(part).length > 20));
  if (!answer.grounded || quotes.length === 0) throw new Error(`not grounded: ${JSON.stringify(answer)}`);
  for (const q of quotes) if (!letter.includes(letters(q))) throw new Error(`quote not in the letter: ${q}`);
  console.log(`grounded answer with ${quotes.length} citation(s): ${answer.answer.slice(0, 100)}…`);
'

# What a process manager does: SIGTERM to npm, which forwards it to the server (the start script
# execs node, so no shell sits in between), then re-raises it on itself once the server is gone.
node_pid=$(pgrep -P "$server" || true)
kill -TERM "$server"
code=0
wait "$server" || code=$?
server=""
if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
  echo "FAIL: the server outlived npm start after SIGTERM" >&2
  kill -KILL "$node_pid"
  exit 1
fi
if { [ "$code" -ne 0 ] && [ "$code" -ne 143 ]; } || ! grep -q '"msg":"stopped"' server.log; then
  echo "FAIL: npm start exited $code on SIGTERM without a clean stop" >&2
  tail -5 server.log server.err >&2
  exit 1
fi
echo "production install OK: answered, then stopped cleanly on SIGTERM"
