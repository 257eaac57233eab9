package io.jenkins.plugins.awsstepfunctions.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkspacePathsTest {

    @Test
    void absolutePathsOfEitherSystemAreTold() {
        assertThat(WorkspacePaths.isAbsolute("/etc/hosts")).isTrue();
        assertThat(WorkspacePaths.isAbsolute("\\\\server\\share\\x.json")).isTrue();
        assertThat(WorkspacePaths.isAbsolute("C:\\ws\\x.json")).isTrue();
        assertThat(WorkspacePaths.isAbsolute("c:x.json")).isTrue();
        assertThat(WorkspacePaths.isAbsolute("state-machines/x.json")).isFalse();
    }

    @Test
    void onlyPathsWhoseDotDotsLeadAboveTheStartClimbOut() {
        assertThat(WorkspacePaths.climbsOut("../x.json")).isTrue();
        assertThat(WorkspacePaths.climbsOut("a/../../x.json")).isTrue();
        assertThat(WorkspacePaths.climbsOut("a\\..\\..\\x.json")).isTrue();
        assertThat(WorkspacePaths.climbsOut("./../x.json")).isTrue();
        assertThat(WorkspacePaths.climbsOut("a/b/../../x.json")).isFalse();
        assertThat(WorkspacePaths.climbsOut("a/./b//x.json")).isFalse();
        assertThat(WorkspacePaths.climbsOut("..x/y.json")).isFalse();
        assertThat(WorkspacePaths.climbsOut("x.json")).isFalse();
    }
}
