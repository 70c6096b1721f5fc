#!/bin/sh
# Scenario 2, open security group, against a local moto server: a rule open to the internet on
# every protocol and port is added to a group that also has a restricted rule; the CloudTrail
# event of that call is fed to deployguard's Lambda handler, which revokes the open rule, keeps
# the other, and reports to SNS who opened what.
#
# Needs moto_server (pip install 'moto[server]', which brings boto3), a JDK 17+ and
# deployguard's lambda jar (mvn package; or set DEPLOYGUARD_JAR). See docs/incidents.md.
set -eu
cd "$(dirname "$0")"
jar=${DEPLOYGUARD_JAR:-$(ls ../../../target/deployguard-*-lambda.jar 2>/dev/null | tail -n 1)}
[ -f "$jar" ] || { echo "run.sh: ${jar:-target/deployguard-VERSION-lambda.jar} not found; run 'mvn -DskipTests package' or set DEPLOYGUARD_JAR" >&2; exit 2; }
command -v moto_server >/dev/null 2>&1 || { echo "run.sh: moto_server not found; pip install 'moto[server]'" >&2; exit 2; }

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
  AWS_REGION=us-east-1
i=0
until curl -sf "$AWS_ENDPOINT_URL/moto-api/" >/dev/null; do
  i=$((i + 1))
  [ "$i" -lt 100 ] || { echo "run.sh: moto_server did not start; see $work/moto.log" >&2; cat "$work/moto.log" >&2; exit 1; }
  sleep 0.2
done

echo "== the PoC opens the group to the internet"
python3 moto_account.py setup event.json "$work/event.json"
python3 moto_account.py rules

echo "== the CloudTrail event reaches deployguard's Lambda handler"
DEPLOYGUARD_TOPIC_ARN=arn:aws:sns:us-east-1:123456789012:security-alerts \
  java -cp "$jar" InvokeHandler.java "$work/event.json"

echo "== the group afterwards"
python3 moto_account.py rules

echo "== the SNS message"
python3 moto_account.py messages
