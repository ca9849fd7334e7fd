# Sourced by the bench scripts: `session EMAIL` prints the cookie header of a signed-in demo session on $port.
session() {
  local jar; jar=$(mktemp)
  local csrf; csrf=$(curl -s -c "$jar" http://127.0.0.1:$port/login | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "email=$1" \
    --data-urlencode "password=handoff-demo-2026" --data-urlencode "next=/" http://127.0.0.1:$port/login
  echo "baton_session=$(awk '$6 == "baton_session" {print $7}' "$jar")"
}

# `measure COOKIE PATH [CONNECTIONS]`: one request's size and time, then 10 s of wrk (4 connections unless given; with
# 1, each request's latency is the server's time for it, nothing queued behind another).
measure() {
  echo "### GET $2 (${3:-4} connection(s))"
  curl -s -o /dev/null -w "one request: %{http_code}, %{size_download} bytes, %{time_total} s\n" -H "Cookie: $1" "http://127.0.0.1:$port$2"
  wrk -t1 -c"${3:-4}" -d10s --latency -H "Cookie: $1" "http://127.0.0.1:$port$2" | grep -E "Requests/sec|50%|90%|99%"
}
