// A state machine's .waitForTaskToken task started this build with its task token as the Password parameter TASK_TOKEN.
sfnSendTaskHeartbeat(taskToken: params.TASK_TOKEN)
try {
    echo 'Deploying'
} catch (e) {
    sfnSendTaskFailure(taskToken: params.TASK_TOKEN, error: 'Jenkins.BuildFailed', cause: "Build ${env.BUILD_NUMBER} failed: ${e.message}")
    throw e
}
sfnSendTaskSuccess(taskToken: params.TASK_TOKEN, output: [build: env.BUILD_NUMBER, deployed: true])
