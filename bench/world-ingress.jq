# The same check through jq, as a baseline for the plan benchmark: world ingress rules (inline and
# standalone) on ports other than 80/443, counted. Reads resource_changes only, skipping deletions.
[ .resource_changes[]
  | select(.change.actions != ["delete"] and .change.after != null)
  | . as $r
  | ( if .type == "aws_security_group" then (.change.after.ingress // [])[]
      elif .type == "aws_security_group_rule" and .change.after.type == "ingress" then .change.after
      else empty end )
  | select(((.cidr_blocks // []) + (.ipv6_cidr_blocks // [])) | any(. == "0.0.0.0/0" or . == "::/0"))
  | select(.protocol == "-1" or ([.from_port, .to_port] != [80, 80] and [.from_port, .to_port] != [443, 443]))
  | { address: $r.address, from: .from_port, to: .to_port }
] | length
