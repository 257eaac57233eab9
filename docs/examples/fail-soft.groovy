// failOnError: false returns null instead of failing, and logs why.
def arn = sfnStartExecution(stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:release', name: "try-${env.BUILD_NUMBER}")
def output = sfnWaitForExecution(executionArn: arn, failOnError: false)
echo "output is ${output == null ? 'null' : output}"
