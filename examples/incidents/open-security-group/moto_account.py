"""The account scenario 2 runs in: a local moto server, driven with boto3 (which moto brings).

  python3 moto_account.py setup EVENT_IN EVENT_OUT   the group, its two rules and the topic;
                                                      EVENT_OUT is EVENT_IN naming them
  python3 moto_account.py rules                      the group's rules, one a line
  python3 moto_account.py messages                   what was published to SNS

The endpoint comes from AWS_ENDPOINT_URL, as for deployguard.
"""
import json
import os
import sys
import urllib.request

import boto3

REGION = "us-east-1"
GROUP = "poc-api"
TOPIC = "security-alerts"


def ec2():
    return boto3.client("ec2", region_name=REGION, endpoint_url=os.environ["AWS_ENDPOINT_URL"])


def group_id():
    groups = ec2().describe_security_groups(Filters=[{"Name": "group-name", "Values": [GROUP]}])["SecurityGroups"]
    return groups[0]["GroupId"]


def setup(event_in, event_out):
    client = ec2()
    vpc = client.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    group = client.create_security_group(GroupName=GROUP, Description="poc API", VpcId=vpc)["GroupId"]
    client.authorize_security_group_ingress(GroupId=group, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
        "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "HTTPS from the internal network"}]}])
    # The call of the incident: every protocol and port, from anywhere.
    opened = client.authorize_security_group_ingress(GroupId=group, IpPermissions=[{
        "IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "poc: open for the demo"}]}])
    rule = opened["SecurityGroupRules"][0]["SecurityGroupRuleId"]
    boto3.client("sns", region_name=REGION, endpoint_url=os.environ["AWS_ENDPOINT_URL"]).create_topic(Name=TOPIC)
    with open(event_in) as f:
        event = json.load(f)
    detail = event["detail"]
    detail["requestParameters"]["groupId"] = group
    item = detail["responseElements"]["securityGroupRuleSet"]["items"][0]
    item["groupId"] = group
    item["securityGroupRuleId"] = rule
    with open(event_out, "w") as f:
        json.dump(event, f, indent=2)
    print(f"group {group}: restricted rule and open rule {rule} created; event written to {event_out}")


def rules():
    group = group_id()
    found = ec2().describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group]}])
    for r in sorted(found["SecurityGroupRules"], key=lambda r: (r["IsEgress"], r["SecurityGroupRuleId"])):
        ports = "all" if r["IpProtocol"] == "-1" else f"{r['FromPort']}-{r['ToPort']}"
        proto = "all" if r["IpProtocol"] == "-1" else r["IpProtocol"]
        source = r.get("CidrIpv4") or r.get("CidrIpv6") or r.get("PrefixListId") or "group"
        print(f"  {r['SecurityGroupRuleId']}  {'egress ' if r['IsEgress'] else 'ingress'}  {proto:<4} {ports:<8} {source}")


def messages():
    with urllib.request.urlopen(os.environ["AWS_ENDPOINT_URL"] + "/moto-api/data.json") as r:
        data = json.load(r)
    for topic in data.get("sns", {}).get("Topic", []):
        for sent in topic.get("sent_notifications", []):
            print(f"{topic['arn']}: {sent[2]}")
            print(json.dumps(json.loads(sent[1]), indent=2))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"setup": setup, "rules": rules, "messages": messages}[command](*args)
