// Declarative Pipeline: a canary execution runs while the build tests, and is stopped however the build ends.
pipeline {
    agent none
    stages {
        stage('Canary') {
            steps {
                script {
                    env.CANARY_ARN = sfnStartExecution(stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:canary',
                        name: "canary-${env.BUILD_NUMBER}", input: [seconds: 600])
                }
            }
        }
        stage('Test') {
            steps {
                echo "Testing while ${env.CANARY_ARN} runs"
            }
        }
    }
    post {
        always {
            sfnStopExecution(executionArn: env.CANARY_ARN, cause: "Build ${env.BUILD_NUMBER} ended")
        }
    }
}
