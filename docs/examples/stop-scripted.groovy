// Stop an execution unless it already ended: stopping one that ended (the second call here) is logged, not an error.
// (Step Functions shows a stop a moment later: sfnWaitForExecution waits until the execution is seen to have ended.)
def arn = sfnStartExecution(stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:release', name: "superseded-${env.BUILD_NUMBER}", input: [seconds: 600])
def result = sfnStopExecution(executionArn: arn, error: 'Jenkins.Superseded', cause: "Superseded by build ${env.BUILD_NUMBER}")
echo "stopped=${result.stopped} status=${result.status}"
sfnWaitForExecution(executionArn: arn, failOnError: false)
def again = sfnStopExecution(executionArn: arn)
echo "stopped=${again.stopped} status=${again.status}"
