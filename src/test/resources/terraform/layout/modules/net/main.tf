variable "admin_cidr" {
  default = "0.0.0.0/0"
}

resource "aws_security_group" "admin" {
  name = "admin"
}

resource "aws_security_group_rule" "ssh" {
  count             = 2
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [var.admin_cidr]
  security_group_id = aws_security_group.admin.id
}
