# Event-driven completion for the AWS Step Functions plugin for Jenkins: an SQS queue, the EventBridge rule that sends
# Step Functions execution status changes to it, the queue policy that lets EventBridge send, and the IAM policy the
# Jenkins controller needs. One per controller. The same resources as status-change-queue.cfn.yaml.

variable "queue_name" {
  type        = string
  default     = "jenkins-sfn-status-changes"
  description = "The queue's name; its URL is the plugin's \"Event queue URL\"."
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

resource "aws_sqs_queue" "status_changes" {
  name = var.queue_name
  # A controller that is down for a weekend still finds its events.
  message_retention_seconds  = 345600
  visibility_timeout_seconds = 120
  sqs_managed_sse_enabled    = true
}

resource "aws_cloudwatch_event_rule" "status_changes" {
  name          = "${var.queue_name}-rule"
  description   = "Step Functions executions that ended, for Jenkins"
  event_pattern = <<-PATTERN
    {
      "source": ["aws.states"],
      "detail-type": ["Step Functions Execution Status Change"],
      "detail": {
        "status": ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]
      }
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "jenkins" {
  rule      = aws_cloudwatch_event_rule.status_changes.name
  target_id = "jenkins"
  arn       = aws_sqs_queue.status_changes.arn
}

resource "aws_sqs_queue_policy" "eventbridge_sends" {
  queue_url = aws_sqs_queue.status_changes.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EventBridgeSendsStatusChanges"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.status_changes.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.status_changes.arn } }
    }]
  })
}

resource "aws_iam_policy" "jenkins_controller" {
  name        = "${var.queue_name}-reader"
  description = "Lets the Jenkins controller read the status-change queue and check the rule that feeds it"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadStatusChanges"
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
        Resource = aws_sqs_queue.status_changes.arn
      },
      {
        Sid    = "CheckTheRule"
        Effect = "Allow"
        Action = ["events:ListRuleNamesByTarget", "events:DescribeRule"]
        # Every rule of the account and region: the check looks for whichever rule targets the queue.
        Resource = replace(aws_cloudwatch_event_rule.status_changes.arn, aws_cloudwatch_event_rule.status_changes.name, "*")
      },
    ]
  })
}

output "queue_url" {
  description = "The plugin's \"Event queue URL\""
  value       = aws_sqs_queue.status_changes.id
}

output "controller_policy_arn" {
  description = "Attach to the identity the controller reads the queue with"
  value       = aws_iam_policy.jenkins_controller.arn
}
