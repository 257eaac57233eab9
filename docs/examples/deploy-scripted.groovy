// Scripted Pipeline: test the Check state with a mocked Lambda result, deploy the state machine from the repository
// (a version per revision, the alias 'live' moved to it), then run the new revision on the input file once.
node {
    checkout scm  // state-machines/release.asl.json and release-input.json
    def check = sfnTestState(definitionFile: 'state-machines/release.asl.json', stateName: 'Check',
        input: [release: env.BUILD_NUMBER], mockResult: [Payload: [approved: true]])
    echo "Check ${check.status}, next state ${check.nextState}, output ${check.output}"
    def deployed = sfnDeployStateMachine(name: 'release', definitionFile: 'state-machines/release.asl.json',
        executionRoleArn: 'arn:aws:iam::123456789012:role/release-states', publish: true, alias: 'live')
    echo "${deployed.outcome}: version ${deployed.versionArn}, alias ${deployed.aliasArn}"
    def arn = sfnStartExecution(stateMachineArn: deployed.stateMachineArn, inputFile: 'release-input.json', wait: true)
    echo "The new revision ran: ${arn}"
}
