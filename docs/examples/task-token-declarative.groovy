// Declarative Pipeline: the build answers the task token it was started with (the Password parameter TASK_TOKEN).
pipeline {
    agent none
    stages {
        stage('Deploy') {
            steps {
                sfnSendTaskHeartbeat(taskToken: params.TASK_TOKEN)
                echo 'Deploying'
            }
        }
    }
    post {
        success {
            sfnSendTaskSuccess(taskToken: params.TASK_TOKEN, output: [build: env.BUILD_NUMBER, deployed: true])
        }
        unsuccessful {
            sfnSendTaskFailure(taskToken: params.TASK_TOKEN, error: 'Jenkins.BuildFailed', cause: "Build ${env.BUILD_NUMBER} did not succeed")
        }
    }
}
