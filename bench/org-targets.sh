#!/usr/bin/env bash
# Organisation benchmark (not a test): 'deployguard remediate --organization' over 100 targets
# (50 member accounts x 2 regions, 3 violating rules in each) on a moto server of its own, with
# --parallel 1 and --parallel 8, against the floor of the same command on one target of one
# account (JVM start, one target's reads). Reports wall times, the ratios to the floor, and the AWS
# API calls per target (requests moto logged during the run). Dry runs: nothing changes, so the
# runs can be repeated. Usage: bench/org-targets.sh [RUNS] (default 3; the best wall time counts).
# Needs moto_server and python3 with boto3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
accounts=50

mvn -q -B -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
cp="target/classes:$(cat target/bench-cp.txt)"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
one_account=$(mktemp --suffix=.yml)
moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null || true; rm -f "$log" "$one_account"' EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$url/moto-api/" >/dev/null && break; sleep 0.2; done

python3 - "$url" "$accounts" <<'PY'
import sys, boto3
url, n = sys.argv[1], int(sys.argv[2])
kw = dict(endpoint_url=url, aws_access_key_id="testing", aws_secret_access_key="testing")
org = boto3.client("organizations", region_name="us-east-1", **kw)
org.create_organization(FeatureSet="ALL")
sts = boto3.client("sts", region_name="us-east-1", **kw)
for i in range(n):
    acct = org.create_account(AccountName=f"team-{i:03d}", Email=f"t{i}@example.com")["CreateAccountStatus"]["AccountId"]
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{acct}:role/OrganizationAccountAccessRole", RoleSessionName="setup")["Credentials"]
    for region in ("us-east-1", "eu-west-1"):
        ec2 = boto3.client("ec2", region_name=region, endpoint_url=url, aws_access_key_id=c["AccessKeyId"],
                           aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
        for name, port in (("poc", -1), ("db", 5432), ("admin", 22)):
            g = ec2.create_security_group(GroupName=name, Description=name)["GroupId"]
            perm = {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]} if port < 0 else \
                {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
            ec2.authorize_security_group_ingress(GroupId=g, IpPermissions=[perm])
PY

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
dg() { java -cp "$cp" io.deployguard.cli.Main remediate --endpoint-url "$url" --region us-east-1 "$@"; }

# Best of $runs: prints "wall_seconds api_calls" (calls = lines moto logged during the best run).
measure() {
  local best="" t0 t1 before after wall calls
  for _ in $(seq "$runs"); do
    before=$(grep -c 'HTTP/1.1"' "$log" || true)
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    after=$(grep -c 'HTTP/1.1"' "$log" || true)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')
    calls=$((after - before))
    if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN{exit !(a<b)}'; then best="$wall $calls"; fi
  done
  echo "$best"
}

one=$(python3 - "$url" <<'PY'
import sys, boto3
org = boto3.client("organizations", region_name="us-east-1", endpoint_url=sys.argv[1],
                   aws_access_key_id="testing", aws_secret_access_key="testing")
print(next(a["Id"] for a in org.list_accounts()["Accounts"] if a["Name"] == "team-000"))
PY
)
org=(--organization --org-role deployguard-member --exclude master --regions us-east-1,eu-west-1)
printf 'accounts:\n  - {id: "%s", name: team-000, role: deployguard-member}\n' "$one" >"$one_account"
read -r fw fc < <(measure dg --accounts "$one_account" --regions us-east-1)
read -r w1 c1 < <(measure dg "${org[@]}" --parallel 1)
read -r w8 c8 < <(measure dg "${org[@]}" --parallel 8)

echo "| run | targets | wall (s) | ratio to the floor | API calls | calls per target |"
echo "|---|---:|---:|---:|---:|---:|"
awk -v w="$fw" -v c="$fc" 'BEGIN{printf "| floor: one target (--accounts, 1 account, 1 region) | 1 | %.2f | 1.0 | %d | %d |\n", w, c, c}'
awk -v w="$w1" -v f="$fw" -v c="$c1" 'BEGIN{printf "| --organization --parallel 1 | 100 | %.2f | %.1f | %d | %.1f |\n", w, w/f, c, c/100}'
awk -v w="$w8" -v f="$fw" -v c="$c8" 'BEGIN{printf "| --organization --parallel 8 | 100 | %.2f | %.1f | %d | %.1f |\n", w, w/f, c, c/100}'
echo "(machine: $(nproc) cores; moto_server $(python3 -c 'import moto; print(moto.__version__)'); best of $runs)"
