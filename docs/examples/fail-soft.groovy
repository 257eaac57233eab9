// failOnError: false returns null instead of failing, and logs why.
def arn = sfnStartExecution(stateMachineArn: 'STATE_MACHINE_ARN', name: "try-${env.BUILD_NUMBER}")
def output = sfnWaitForExecution(executionArn: arn, failOnError: false)
echo "output is ${output == null ? 'null' : output}"
