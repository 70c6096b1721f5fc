# A root module with a for_each, a local child module and a registry module.
terraform {
  required_version = ">= 1.5"
}

locals {
  ports = { "a" = 8443, "b" = 9443 }
  # A brace in a comment: {
  banner = "braces in a string: } { and a template ${join(",", ["x}", "{y"])}"
}

/* A block comment with a fake block:
resource "aws_security_group" "commented_out" {
}
*/

resource "aws_security_group" "web" {
  for_each = local.ports
  name     = "web-${each.key}"
  description = <<-EOT
    A heredoc that mentions resource "aws_security_group" "fake" {
    and a closing brace }
  EOT

  # deployguard:ignore=SG004 public TLS endpoints, reviewed in SEC-7
  ingress {
    from_port   = each.value
    to_port     = each.value
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

module "net" {
  source = "./modules/net"
}

// deployguard:ignore=SG002 the registry module's bastion is replaced in Q3
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
