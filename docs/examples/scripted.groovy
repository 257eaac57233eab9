// Scripted Pipeline: start an execution, wait for it (no executor, no thread held), read its output again.
def executionArn = sfnStartExecution(
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:release',
    name: "build-${env.BUILD_NUMBER}",
    input: [release: "${env.BUILD_NUMBER}", items: [1, 2, 3]])
def output = sfnWaitForExecution(executionArn: executionArn, pollInterval: 10, timeout: 3600)
echo "greeting=${output.greeting}"
def again = sfnGetOutput(executionArn: executionArn)
echo "release=${again.input.release}"
