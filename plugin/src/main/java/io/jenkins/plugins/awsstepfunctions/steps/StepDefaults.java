package io.jenkins.plugins.awsstepfunctions.steps;

import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.watch.WatchOptions;

/** Defaults that come from the global configuration. */
final class StepDefaults {

    private StepDefaults() {}

    static int pollInterval() {
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
        return global == null ? (int) WatchOptions.DEFAULT_POLL_INTERVAL.toSeconds() : global.getPollInterval();
    }
}
