// Getting started: a first Pipeline.
def arn = sfnStartExecution(stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:hello',
    name: "build-${env.BUILD_NUMBER}", input: [who: 'Jenkins'])
def output = sfnWaitForExecution(executionArn: arn)
echo "Output: ${output}"
