// sfnStartExecution with the ARN alone, and with a name, input and wait.
def first = sfnStartExecution('arn:aws:states:us-east-1:123456789012:stateMachine:orders')
def arn = sfnStartExecution(stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:orders', name: "build-${env.BUILD_NUMBER}", input: [order: 42], wait: true)
echo "started ${first} and ${arn}"
