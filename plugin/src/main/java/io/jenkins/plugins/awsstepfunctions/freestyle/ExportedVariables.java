package io.jenkins.plugins.awsstepfunctions.freestyle;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import java.util.Map;
import java.util.TreeMap;

/** The variables the freestyle build steps export (SFN_EXECUTION_ARN, SFN_EXECUTION_STATUS, SFN_OUTPUT). */
public final class ExportedVariables implements EnvironmentContributingAction {

    private final Map<String, String> variables = new TreeMap<>();

    static synchronized void export(Run<?, ?> run, String name, String value) {
        ExportedVariables action = run.getAction(ExportedVariables.class);
        if (action == null) {
            action = new ExportedVariables();
            run.addAction(action);
        }
        synchronized (action.variables) {
            action.variables.put(name, value);
        }
    }

    @Override
    public void buildEnvironment(Run<?, ?> run, EnvVars env) {
        synchronized (variables) {
            env.putAll(variables);
        }
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
