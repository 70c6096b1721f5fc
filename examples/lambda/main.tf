# deployguard's security-group guard: CloudTrail -> EventBridge -> Lambda -> SNS.
# Management events of EC2 reach the default event bus when a CloudTrail trail records them
# (one multi-region trail per account is enough; set create_trail = false if one exists).

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

# The function's code is deployguard's lambda jar (target/deployguard-VERSION-lambda.jar after
# `mvn package`, or io.deployguard:deployguard:VERSION:jar:lambda from Maven Central): about 36 MB,
# inside Lambda's 50 MB limit for a direct upload (the build fails above it).
variable "jar_path" {
  description = "The lambda jar: target/deployguard-VERSION-lambda.jar."
  type        = string
}

variable "name" {
  description = "Prefix of every resource; the IAM policy expects deployguard-*."
  type        = string
  default     = "deployguard-sg-guard"
}

variable "create_trail" {
  description = "Create a CloudTrail trail (EventBridge receives EC2 management events only from a trail)."
  type        = bool
  default     = true
}

variable "dry_run" {
  description = "true: report and notify only, revoke nothing."
  type        = bool
  default     = false
}

variable "max_revocations" {
  description = "Never revoke more rules per event."
  type        = number
  default     = 10
}

variable "alert_email" {
  description = "Optional e-mail address subscribed to the topic."
  type        = string
  default     = ""
}

variable "log_retention_days" {
  description = "Retention of the function's log group (never 'forever': log bills grow)."
  type        = number
  default     = 90
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
  region  = data.aws_region.current.name
  arn     = data.aws_partition.current.partition
}

# --- SNS -------------------------------------------------------------------------------
resource "aws_sns_topic" "alerts" {
  name = "deployguard-security"
}

resource "aws_sns_topic_subscription" "email" {
  count     = var.alert_email == "" ? 0 : 1
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = var.alert_email
}

# --- CloudTrail (management events) -------------------------------------------------------
resource "aws_s3_bucket" "trail" {
  count         = var.create_trail ? 1 : 0
  bucket_prefix = "deployguard-trail-"
  force_destroy = false
}

resource "aws_s3_bucket_lifecycle_configuration" "trail" {
  count  = var.create_trail ? 1 : 0
  bucket = aws_s3_bucket.trail[0].id
  rule {
    id     = "expire"
    status = "Enabled"
    filter {}
    expiration { days = 365 }
  }
}

resource "aws_s3_bucket_public_access_block" "trail" {
  count                   = var.create_trail ? 1 : 0
  bucket                  = aws_s3_bucket.trail[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

data "aws_iam_policy_document" "trail_bucket" {
  count = var.create_trail ? 1 : 0
  statement {
    sid       = "AclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.trail[0].arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
  statement {
    sid       = "Write"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.trail[0].arn}/AWSLogs/${local.account}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
  }
}

resource "aws_s3_bucket_policy" "trail" {
  count  = var.create_trail ? 1 : 0
  bucket = aws_s3_bucket.trail[0].id
  policy = data.aws_iam_policy_document.trail_bucket[0].json
}

resource "aws_cloudtrail" "management" {
  count                         = var.create_trail ? 1 : 0
  name                          = "${var.name}-trail"
  s3_bucket_name                = aws_s3_bucket.trail[0].id
  is_multi_region_trail         = true
  include_global_service_events = true
  event_selector {
    read_write_type           = "WriteOnly"
    include_management_events = true
  }
  depends_on = [aws_s3_bucket_policy.trail]
}

# --- Function -----------------------------------------------------------------------------
resource "aws_cloudwatch_log_group" "fn" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
}

data "aws_iam_policy_document" "assume" {
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
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

# The same actions as examples/iam/lambda.json, scoped to this account, topic and log group.
data "aws_iam_policy_document" "fn" {
  statement {
    sid       = "ReadSecurityGroups"
    actions   = ["ec2:DescribeSecurityGroupRules", "ec2:DescribeSecurityGroups"]
    resources = ["*"]
  }
  statement {
    sid       = "RevokeViolatingIngress"
    actions   = ["ec2:RevokeSecurityGroupIngress"]
    resources = ["arn:${local.arn}:ec2:*:${local.account}:security-group/*"]
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
  name   = var.name
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
  # One event at a time keeps the blast-radius limit meaningful per account.
  reserved_concurrent_executions = 2

  environment {
    variables = {
      DEPLOYGUARD_TOPIC_ARN       = aws_sns_topic.alerts.arn
      DEPLOYGUARD_DRY_RUN         = tostring(var.dry_run)
      DEPLOYGUARD_MAX_REVOCATIONS = tostring(var.max_revocations)
      JAVA_TOOL_OPTIONS           = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
    }
  }

  depends_on = [aws_cloudwatch_log_group.fn, aws_iam_role_policy.fn]
}

# --- EventBridge ----------------------------------------------------------------------------
resource "aws_cloudwatch_event_rule" "sg_changes" {
  name        = var.name
  description = "Security-group ingress added or modified (CloudTrail)"
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
  rule = aws_cloudwatch_event_rule.sg_changes.name
  arn  = aws_lambda_function.guard.arn
  retry_policy {
    maximum_retry_attempts       = 2
    maximum_event_age_in_seconds = 3600
  }
}

resource "aws_lambda_permission" "events" {
  statement_id  = "AllowEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.guard.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.sg_changes.arn
}

output "topic_arn" {
  value = aws_sns_topic.alerts.arn
}

output "function_name" {
  value = aws_lambda_function.guard.function_name
}
