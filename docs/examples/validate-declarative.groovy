// Declarative Pipeline: the definition in the repository must be valid, without warnings, before the deploy stage.
pipeline {
    agent any
    stages {
        stage('Validate') {
            steps {
                sfnValidateDefinition(definitionFile: 'state-machines/release.asl.json', warnings: 'FAIL')
            }
        }
        stage('Deploy') {
            steps {
                echo 'The definition is valid: deploying'
            }
        }
    }
}
