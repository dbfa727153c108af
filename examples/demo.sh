#!/usr/bin/env bash
# Starts the spring-mvc test app under the Warden agent with examples/demo-policy.yaml and prints curl lines to try.
# Builds the two jars first when they are missing (needs only a JDK 17+ and Maven).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"
AGENT=agent/target/warden-agent.jar
APP=test-apps/spring-mvc/target/spring-mvc.jar
if [[ ! -f $AGENT || ! -f $APP ]]; then
  echo "Building Warden and the test app (first run only)..."
  mvn -q -B -DskipTests package
fi
BASE="http://127.0.0.1:$PORT"
cat <<TXT

Warden demo: the spring-mvc test app on $BASE under the agent, policy examples/demo-policy.yaml.
Try, in another terminal:

  curl -i $BASE/health                                                  # 200, no key needed
  curl -i $BASE/api/customers                                           # 401 problem+json, WWW-Authenticate
  curl -i -H 'X-API-Key: wrong' $BASE/api/customers                     # 401
  curl -s -H 'X-API-Key: demo-acme-key' $BASE/api/customers/c-1001      # 200: no ssn, card ************1111, email [REDACTED], notes "Paid with **** **** **** 1111, ..."
  curl -s -H 'X-API-Key: demo-acme-key' $BASE/api/customers/c-1001/raw  # the same, for a body written as raw bytes
  curl -i -H 'X-API-Key: demo-acme-key' $BASE/api/admin/stats           # 403: acme is not an admin
  curl -s -H 'X-API-Key: demo-admin-key' $BASE/api/admin/stats          # 200
  curl -i $BASE/nope                                                    # 404: matches no route, never reaches the app
  for i in \$(seq 1 11); do curl -s -o /dev/null -w '%{http_code} ' -H 'X-API-Key: demo-acme-key' $BASE/api/customers; done; echo
                                                                        # 200s until the 10-per-minute budget is spent, then 429
  curl -i -H 'X-API-Key: demo-acme-key' $BASE/api/customers             # (within the minute) 429 Retry-After, RateLimit-Policy, RateLimit

Stop with Ctrl-C.
TXT
exec env PORT="$PORT" java -javaagent:"$AGENT"=policy=examples/demo-policy.yaml -jar "$APP"
