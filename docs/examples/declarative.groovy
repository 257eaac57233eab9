// Declarative Pipeline: start and wait in one step, then read the output.
pipeline {
    agent none
    stages {
        stage('Release') {
            steps {
                script {
                    def arn = sfnStartExecution(stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:release',
                        name: "release-${env.BUILD_NUMBER}", input: '{"release": "42"}', wait: true)
                    def output = sfnGetOutput(executionArn: arn)
                    echo "greeting=${output.greeting}"
                }
            }
        }
    }
}
