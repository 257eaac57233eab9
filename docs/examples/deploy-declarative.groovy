// Declarative Pipeline: the Check state must catch a failed check, then a canary: the alias 'live' sends 10 % of its
// executions to the version this build publishes and 90 % to version 1; the new revision runs once on smoke-input.json.
pipeline {
    agent any
    stages {
        stage('Test') {
            steps {
                sfnTestState(definitionFile: 'state-machines/orders.asl.json', stateName: 'Check',
                    input: '{"order": 42}', mockError: 'Orders.Rejected', mockCause: 'out of stock',
                    expectStatus: 'CAUGHT_ERROR')
            }
        }
        stage('Deploy') {
            steps {
                script {
                    def deployed = sfnDeployStateMachine(name: 'orders', definitionFile: 'state-machines/orders.asl.json',
                        executionRoleArn: 'arn:aws:iam::123456789012:role/orders-states',
                        publish: true, alias: 'live', routing: ['new': 10, '1': 90])
                    env.ORDERS_STATE_MACHINE = deployed.stateMachineArn
                    echo "Canary: ${deployed.aliasArn} routes 10 % to ${deployed.versionArn}"
                }
            }
        }
        stage('Smoke test') {
            steps {
                sfnStartExecution(stateMachineArn: env.ORDERS_STATE_MACHINE, inputFile: 'smoke-input.json', wait: true)
            }
        }
    }
}
