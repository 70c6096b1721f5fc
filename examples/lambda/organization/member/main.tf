# deployguard across an AWS organisation, one member account's part (a module; apply it in every
# member account, e.g. with a provider per account, or translate it to a StackSet):
# - the role deployguard-member, trusted by the central Lambda's role and by the account that runs
#   organisation-wide `deployguard postdeploy --organization` (the management or a delegated
#   administrator account), with the actions of ../member-role-policy.json;
# - an EventBridge rule on this account's default bus that forwards security-group changes to the
#   central bus, and the role EventBridge uses to put them there.
# EventBridge receives EC2 management events only from a CloudTrail trail; an organisation trail
# in the management account covers every member.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

variable "central_bus_arn" {
  description = "The bus deployguard-central of the security account (output bus_arn of ../central.tf)."
  type        = string
}

variable "central_lambda_role_arn" {
  description = "The central Lambda's role (output lambda_role_arn of ../central.tf)."
  type        = string
}

variable "runner_principal_arns" {
  description = "Roles that run deployguard --organization or --accounts (CI in the management account)."
  type        = list(string)
  default     = []
}

variable "external_id" {
  description = "Optional external id the runners must send (--external-id); the Lambda sends none."
  type        = string
  default     = ""
}

variable "role_name" {
  type    = string
  default = "deployguard-member"
}

data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  arn     = data.aws_partition.current.partition
  account = data.aws_caller_identity.current.account_id
}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "CentralLambda"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [var.central_lambda_role_arn]
    }
  }
  dynamic "statement" {
    for_each = length(var.runner_principal_arns) == 0 ? [] : [1]
    content {
      sid     = "OrganisationRuns"
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = var.runner_principal_arns
      }
      dynamic "condition" {
        for_each = var.external_id == "" ? [] : [1]
        content {
          test     = "StringEquals"
          variable = "sts:ExternalId"
          values   = [var.external_id]
        }
      }
    }
  }
}

resource "aws_iam_role" "member" {
  name                 = var.role_name
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
}

# The actions of ../member-role-policy.json (OrganizationRunMotoTest and CrossAccountLambdaMotoTest
# run with them), revocation scoped to this account's security groups.
data "aws_iam_policy_document" "member" {
  statement {
    sid       = "ReadSecurityGroupsAndRegions"
    actions   = ["ec2:DescribeRegions", "ec2:DescribeSecurityGroupRules", "ec2:DescribeSecurityGroups"]
    resources = ["*"]
  }
  statement {
    sid       = "RevokeViolatingIngress"
    actions   = ["ec2:RevokeSecurityGroupIngress"]
    resources = ["arn:${local.arn}:ec2:*:${local.account}:security-group/*"]
  }
  statement {
    sid       = "WhoAmI"
    actions   = ["sts:GetCallerIdentity"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "member" {
  role   = aws_iam_role.member.id
  policy = data.aws_iam_policy_document.member.json
}

# --- forwarding to the central bus ---------------------------------------------------------
data "aws_iam_policy_document" "events_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "forward" {
  name               = "${var.role_name}-forward"
  assume_role_policy = data.aws_iam_policy_document.events_trust.json
}

resource "aws_iam_role_policy" "forward" {
  role = aws_iam_role.forward.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "PutOnCentralBus"
      Effect   = "Allow"
      Action   = ["events:PutEvents"]
      Resource = [var.central_bus_arn]
    }]
  })
}

resource "aws_cloudwatch_event_rule" "forward" {
  name        = "${var.role_name}-forward"
  description = "Security-group ingress added or modified: to deployguard's central bus"
  event_pattern = jsonencode({
    source        = ["aws.ec2"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail = {
      eventSource = ["ec2.amazonaws.com"]
      eventName   = ["AuthorizeSecurityGroupIngress", "ModifySecurityGroupRules"]
    }
  })
}

resource "aws_cloudwatch_event_target" "forward" {
  rule     = aws_cloudwatch_event_rule.forward.name
  arn      = var.central_bus_arn
  role_arn = aws_iam_role.forward.arn
}
