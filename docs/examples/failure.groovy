// A failing execution fails the build with the failing state, its error and its cause.
sfnStartExecution(stateMachineArn: 'STATE_MACHINE_ARN', name: "deploy-${env.BUILD_NUMBER}", wait: true)
