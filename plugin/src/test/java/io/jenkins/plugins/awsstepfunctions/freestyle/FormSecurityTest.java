package io.jenkins.plugins.awsstepfunctions.freestyle;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import hudson.model.Item;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every form endpoint refuses a user who may only read the job, and refuses GET: credentials are never listed,
 * connections never tested, values never checked for someone without Item.CONFIGURE (Jenkins.ADMINISTER globally).
 */
@WithJenkins
class FormSecurityTest {

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule j) throws Exception {
        this.j = j;
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
        j.createFreeStyleProject("job");
    }

    private Page postPage(String user, String path) throws Exception {
        JenkinsRule.WebClient web =
                j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login(user);
        return web.getPage(new WebRequest(web.createCrumbedUrl(path), HttpMethod.POST));
    }

    private int post(String user, String path) throws Exception {
        return postPage(user, path).getWebResponse().getStatusCode();
    }

    private WebResponse get(String user, String path) throws Exception {
        JenkinsRule.WebClient web =
                j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login(user);
        return web.goTo(path, null).getWebResponse();
    }

    private static final String DESCRIPTOR =
            "job/job/descriptorByName/io.jenkins.plugins.awsstepfunctions.freestyle.StartExecutionBuilder/";

    /** Loopback, closed: a test connection fails at once and never leaves the machine. */
    private static final String NOWHERE = "region=us-east-1&endpointUrl=http://127.0.0.1:9";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "checkRegion?value=x",
                "checkEndpointUrl?value=x",
                "checkRoleArn?value=x",
                "checkClientConfig?value=x",
                "checkStateMachineArn?value=x",
                "testConnection?" + NOWHERE
            })
    void jobEndpointsRefuseReadersAndServeConfigurers(String endpoint) throws Exception {
        assertThat(post("reader", DESCRIPTOR + endpoint)).isEqualTo(403);
        assertThat(post("configurer", DESCRIPTOR + endpoint)).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "freestyle.StopExecutionBuilder/checkExecutionArn?value=x",
                "freestyle.StopExecutionBuilder/testConnection?" + NOWHERE,
                "freestyle.ValidateDefinitionBuilder/fillTypeItems",
                "freestyle.ValidateDefinitionBuilder/fillWarningsItems",
                "freestyle.ValidateDefinitionBuilder/checkClientConfig?value=x",
                "steps.StopExecutionStep/checkExecutionArn?value=x",
                "steps.SendTaskSuccessStep/checkOutput?value=x",
                "steps.SendTaskFailureStep/checkRegion?value=x",
                "steps.ValidateDefinitionStep/fillTypeItems",
                "steps.ValidateDefinitionStep/fillWarningsItems"
            })
    void theStopTaskTokenAndValidationStepsEndpointsRefuseReadersAndServeConfigurers(String endpoint) throws Exception {
        String path = "job/job/descriptorByName/io.jenkins.plugins.awsstepfunctions." + endpoint;
        assertThat(post("reader", path)).isEqualTo(403);
        assertThat(post("configurer", path)).isEqualTo(200);
    }

    @org.junit.jupiter.api.Test
    void theTaskTokenCredentialListShowsReadersNothingButTheCurrentValueAndNobodyTheSecret() throws Exception {
        com.cloudbees.plugins.credentials.SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl(
                        com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL,
                        "approval-token",
                        "a task token",
                        hudson.util.Secret.fromString("s3cr3t-task-token")));
        String list = "job/job/descriptorByName/io.jenkins.plugins.awsstepfunctions.steps.SendTaskHeartbeatStep/"
                + "fillTaskTokenCredentialsIdItems";

        String forReader = postPage("reader", list + "?taskTokenCredentialsId=current")
                .getWebResponse()
                .getContentAsString();
        String forConfigurer = postPage("configurer", list).getWebResponse().getContentAsString();

        assertThat(forReader).contains("current").doesNotContain("approval-token");
        assertThat(forConfigurer).contains("approval-token").doesNotContain("s3cr3t-task-token");
    }

    @org.junit.jupiter.api.Test
    void credentialListsShowReadersNothingButTheCurrentValue() throws Exception {
        com.cloudbees.plugins.credentials.SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl(
                        com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL,
                        "visible-one",
                        "AKIAVISIBLEONE000001",
                        "secret",
                        "a deploy key",
                        null,
                        null,
                        null));

        String forReader = postPage("reader", DESCRIPTOR + "fillCredentialsIdItems?credentialsId=current")
                .getWebResponse()
                .getContentAsString();
        String forConfigurer = postPage("configurer", DESCRIPTOR + "fillCredentialsIdItems")
                .getWebResponse()
                .getContentAsString();

        assertThat(forReader).contains("current").doesNotContain("visible-one");
        assertThat(forConfigurer).contains("visible-one").doesNotContain("secret");
    }

    /**
     * A GET on a POST-only endpoint is refused by Stapler (404: no dispatcher matches; some versions say 405). Either
     * way it must not act: no call leaves Jenkins, no credential is listed, no value is checked.
     */
    @org.junit.jupiter.api.Test
    void getOnTestConnectionMakesNoCall() throws Exception {
        WireMockServer service =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        service.start();
        com.cloudbees.plugins.credentials.SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl(
                        com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL,
                        "form-keys",
                        "AKIAFORMKEYS00000001",
                        "secret",
                        "keys for the check",
                        null,
                        null,
                        null));
        try {
            String testConnection = DESCRIPTOR + "testConnection?credentialsId=form-keys&region=us-east-1&endpointUrl="
                    + service.baseUrl();
            WebResponse response = get("configurer", testConnection);

            assertThat(response.getStatusCode()).isIn(404, 405);
            assertThat(service.getAllServeEvents())
                    .as("requests that reached the endpoint")
                    .isEmpty();

            post("configurer", testConnection);
            assertThat(service.getAllServeEvents()).as("requests once posted").isNotEmpty();
        } finally {
            service.stop();
        }
    }

    @org.junit.jupiter.api.Test
    void getOnACredentialListListsNothing() throws Exception {
        com.cloudbees.plugins.credentials.SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl(
                        com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL,
                        "listed-by-get",
                        "AKIALISTEDBYGET00001",
                        "secret",
                        "a deploy key",
                        null,
                        null,
                        null));

        WebResponse response = get("configurer", DESCRIPTOR + "fillCredentialsIdItems");

        assertThat(response.getStatusCode()).isIn(404, 405);
        assertThat(response.getContentAsString()).doesNotContain("listed-by-get");
    }

    @org.junit.jupiter.api.Test
    void getOnAFormCheckChecksNothing() throws Exception {
        WebResponse refused = get("configurer", DESCRIPTOR + "checkRegion?value=not%20a%20region");
        String answered = postPage("configurer", DESCRIPTOR + "checkRegion?value=not%20a%20region")
                .getWebResponse()
                .getContentAsString();

        assertThat(refused.getStatusCode()).isIn(404, 405);
        assertThat(answered).as("the same check, posted").contains("region");
        assertThat(refused.getContentAsString()).doesNotContain(answered);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "fillCredentialsIdItems",
                "fillCaBundleCredentialsIdItems",
                "fillEventQueueCredentialsIdItems",
                "checkClientConfig?value=x",
                "checkEventQueueUrl?value=x",
                "checkEventQueueRoleArn?value=x",
                "checkEventReceivers?value=0",
                "checkEventSafetyInterval?value=0",
                "testConnection?" + NOWHERE,
                "testEventQueue?eventQueueUrl=http://127.0.0.1:9/123456789012/nowhere&region=us-east-1"
            })
    void globalEndpointsNeedAdminister(String endpoint) throws Exception {
        String path = "descriptorByName/io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration/"
                + endpoint;
        assertThat(post("configurer", path)).isEqualTo(403);
        assertThat(post("admin", path)).isEqualTo(200);
    }
}
