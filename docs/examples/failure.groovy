// A failing execution fails the build with the failing state, its error and its cause.
sfnStartExecution(stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:release', name: "deploy-${env.BUILD_NUMBER}", wait: true)
