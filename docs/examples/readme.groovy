// The README's example: start, wait without holding an executor, use the output.
def arn = sfnStartExecution(
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:release',
    name: "build-${env.BUILD_NUMBER}",
    input: [version: env.BUILD_NUMBER])
def output = sfnWaitForExecution(executionArn: arn, timeout: 3600)  // no executor, no thread held
echo "Released ${output.version}"
