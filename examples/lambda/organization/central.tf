# deployguard across an AWS organisation, the central security account's part:
# member accounts forward their security-group events to the bus "deployguard-central" here; a rule
# sends them to the Lambda, which assumes deployguard-member in the event's account, revokes there,
# and notifies the one topic of this account. Apply once in the security account; apply member/
# (a module) in every member account, or deploy it with a StackSet.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

variable "jar_path" {
  description = "The deployguard Lambda jar."
  type        = string
}

variable "organization_id" {
  description = "o-xxxxxxxxxx: only accounts of this organisation may put events on the bus."
  type        = string
}

variable "name" {
  description = "Prefix of every resource; the member role trusts the role named like this."
  type        = string
  default     = "deployguard-org-guard"
}

variable "member_role" {
  description = "The role assumed in every member account (member/ creates it)."
  type        = string
  default     = "deployguard-member"
}

variable "dry_run" {
  type    = bool
  default = false
}

variable "max_revocations" {
  type    = number
  default = 10
}

variable "log_retention_days" {
  type    = number
  default = 90
}

data "aws_partition" "current" {}

locals {
  arn = data.aws_partition.current.partition
}

resource "aws_cloudwatch_event_bus" "central" {
  name = "deployguard-central"
}

# Any account of the organisation may forward events to this bus; nothing else may.
data "aws_iam_policy_document" "bus" {
  statement {
    sid       = "OrganisationMembersPutEvents"
    actions   = ["events:PutEvents"]
    resources = [aws_cloudwatch_event_bus.central.arn]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.organization_id]
    }
  }
}

resource "aws_cloudwatch_event_bus_policy" "central" {
  event_bus_name = aws_cloudwatch_event_bus.central.name
  policy         = data.aws_iam_policy_document.bus.json
}

resource "aws_sns_topic" "alerts" {
  name = "deployguard-security"
}

resource "aws_cloudwatch_log_group" "fn" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
}

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "fn" {
  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

# The actions of central-lambda-policy.json (CrossAccountLambdaMotoTest runs the handler with them),
# scoped to the member role, this topic and this log group. EC2 actions are in the member role.
data "aws_iam_policy_document" "fn" {
  statement {
    sid       = "AssumeMemberRole"
    actions   = ["sts:AssumeRole"]
    resources = ["arn:${local.arn}:iam::*:role/${var.member_role}"]
  }
  statement {
    sid       = "NotifyTopic"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alerts.arn]
  }
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.fn.arn}:*"]
  }
}

resource "aws_iam_role_policy" "fn" {
  role   = aws_iam_role.fn.id
  policy = data.aws_iam_policy_document.fn.json
}

resource "aws_lambda_function" "guard" {
  function_name    = var.name
  role             = aws_iam_role.fn.arn
  runtime          = "java17"
  handler          = "io.deployguard.lambda.SecurityGroupEventHandler::handleRequest"
  filename         = var.jar_path
  source_code_hash = filebase64sha256(var.jar_path)
  memory_size      = 1024
  timeout          = 60
  # A few events at once across the organisation; the limit holds per event.
  reserved_concurrent_executions = 4

  environment {
    variables = {
      DEPLOYGUARD_MEMBER_ROLE     = var.member_role
      DEPLOYGUARD_TOPIC_ARN       = aws_sns_topic.alerts.arn
      DEPLOYGUARD_DRY_RUN         = tostring(var.dry_run)
      DEPLOYGUARD_MAX_REVOCATIONS = tostring(var.max_revocations)
      JAVA_TOOL_OPTIONS           = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
    }
  }

  depends_on = [aws_cloudwatch_log_group.fn, aws_iam_role_policy.fn]
}

resource "aws_cloudwatch_event_rule" "sg_changes" {
  name           = var.name
  event_bus_name = aws_cloudwatch_event_bus.central.name
  description    = "Security-group ingress added or modified in a member account (forwarded CloudTrail events)"
  event_pattern = jsonencode({
    source        = ["aws.ec2"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail = {
      eventSource = ["ec2.amazonaws.com"]
      eventName   = ["AuthorizeSecurityGroupIngress", "ModifySecurityGroupRules"]
    }
  })
}

resource "aws_cloudwatch_event_target" "guard" {
  rule           = aws_cloudwatch_event_rule.sg_changes.name
  event_bus_name = aws_cloudwatch_event_bus.central.name
  arn            = aws_lambda_function.guard.arn
  retry_policy {
    maximum_retry_attempts       = 2
    maximum_event_age_in_seconds = 3600
  }
}

resource "aws_lambda_permission" "events" {
  statement_id  = "AllowCentralBus"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.guard.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.sg_changes.arn
}

output "bus_arn" {
  value = aws_cloudwatch_event_bus.central.arn
}

output "lambda_role_arn" {
  value = aws_iam_role.fn.arn
}

output "topic_arn" {
  value = aws_sns_topic.alerts.arn
}
