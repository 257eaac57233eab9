// Validate a state machine definition from the workspace before deploying it: warnings make the build UNSTABLE.
node {
    def diagnostics = sfnValidateDefinition(definitionFile: 'state-machines/release.asl.json', type: 'STANDARD', warnings: 'UNSTABLE')
    for (d in diagnostics) {
        echo "${d.severity} ${d.code} at ${d.location}: ${d.message}"
    }
    sfnValidateDefinition(definition: readFile('state-machines/release.asl.json'), warnings: 'IGNORE')
}
