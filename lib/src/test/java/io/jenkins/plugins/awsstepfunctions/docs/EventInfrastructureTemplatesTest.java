package io.jenkins.plugins.awsstepfunctions.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsstepfunctions.connection.QueueClients;
import io.jenkins.plugins.awsstepfunctions.events.EventQueueCheck;
import io.jenkins.plugins.awsstepfunctions.events.EventQueueCheck.Level;
import io.jenkins.plugins.awsstepfunctions.events.EventQueueSettings;
import io.jenkins.plugins.awsstepfunctions.events.StatusChangeEvents;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * The infrastructure docs/events.md asks users to create: the CloudFormation template deploys (in moto) into a queue
 * that the queue check accepts and that receives status changes of ended executions only; the Terraform file declares
 * the same event pattern and the same permissions.
 */
@ExtendWith(MotoExtension.class)
class EventInfrastructureTemplatesTest {

    private static final Path CLOUDFORMATION = Path.of("../docs/examples/events/status-change-queue.cfn.yaml");
    private static final Path TERRAFORM = Path.of("../docs/examples/events/status-change-queue.tf");
    private static final Pattern ACTION = Pattern.compile("\\b(sqs|events):[A-Za-z]+");

    @Test
    void theCloudFormationStackFeedsAQueueTheCheckAccepts(MotoServer moto) throws IOException {
        String template = read(CLOUDFORMATION);
        String queueUrl;
        try (CloudFormationClient cloudFormation = CloudFormationClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            cloudFormation.createStack(b -> b.stackName("jenkins-status-changes")
                    .templateBody(template)
                    .parameters(p -> p.parameterKey("QueueName").parameterValue("template-test"))
                    .capabilities(Capability.CAPABILITY_IAM));
            Stack stack = cloudFormation
                    .describeStacks(b -> b.stackName("jenkins-status-changes"))
                    .stacks()
                    .get(0);
            assertThat(stack.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
            queueUrl = stack.outputs().stream()
                    .filter(o -> o.outputKey().equals("QueueUrl"))
                    .map(Output::outputValue)
                    .findFirst()
                    .orElseThrow();
        }
        // moto answers with AWS's host; the queue is at moto's.
        String atMoto = moto.endpoint() + URI.create(queueUrl).getPath();
        EventQueueSettings settings = EventQueueSettings.builder(atMoto).build();
        try (QueueClients clients = settings.openClients(moto.settings(), MotoServer.credentials())) {
            EventQueueCheck.Result result = EventQueueCheck.run(clients, settings);

            // moto's CloudFormation does not create AWS::SQS::QueuePolicy, so only the rule is checked here.
            assertThat(result.findings())
                    .filteredOn(f -> f.level() != Level.WARNING)
                    .allSatisfy(f -> assertThat(f.level()).isEqualTo(Level.OK))
                    .anySatisfy(f -> assertThat(f.text()).contains("StatusChangeRule"));

            putStatusChange(clients, "RUNNING");
            putStatusChange(clients, "SUCCEEDED");
            var received = clients.sqs()
                    .receiveMessage(
                            b -> b.queueUrl(atMoto).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            assertThat(received)
                    .as("only executions that ended reach the queue")
                    .singleElement()
                    .satisfies(m -> assertThat(StatusChangeEvents.parse(m.body())
                                    .orElseThrow()
                                    .state()
                                    .isFinished())
                            .isTrue());
        }
    }

    @Test
    void theTerraformFileDeclaresTheSamePatternAndPermissions() throws IOException {
        String terraform = read(TERRAFORM);
        String cloudFormation = read(CLOUDFORMATION);

        Matcher heredoc = Pattern.compile("<<-PATTERN\\n(.*?)\\n\\s*PATTERN", Pattern.DOTALL)
                .matcher(terraform);
        assertThat(heredoc.find()).as("the Terraform rule's event_pattern").isTrue();
        Object pattern = Json.parse("event_pattern", heredoc.group(1));
        assertThat(pattern)
                .isEqualTo(Map.of(
                        "source",
                        java.util.List.of("aws.states"),
                        "detail-type",
                        java.util.List.of(StatusChangeEvents.DETAIL_TYPE),
                        "detail",
                        Map.of("status", java.util.List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"))));
        assertThat(cloudFormation)
                .contains("- aws.states")
                .contains("- " + StatusChangeEvents.DETAIL_TYPE)
                .contains("- SUCCEEDED")
                .contains("- FAILED")
                .contains("- TIMED_OUT")
                .contains("- ABORTED");
        assertThat(actions(terraform))
                .isEqualTo(actions(cloudFormation))
                .containsExactlyInAnyOrder(
                        "sqs:SendMessage",
                        "sqs:ReceiveMessage",
                        "sqs:DeleteMessage",
                        "sqs:GetQueueAttributes",
                        "events:ListRuleNamesByTarget",
                        "events:DescribeRule");
    }

    private static void putStatusChange(QueueClients clients, String status) {
        clients.events()
                .putEvents(b -> b.entries(e -> e.source(StatusChangeEvents.SOURCE)
                        .detailType(StatusChangeEvents.DETAIL_TYPE)
                        .detail(Json.write(
                                "detail",
                                Map.of(
                                        "executionArn",
                                        "arn:aws:states:us-east-1:123456789012:execution:sm:" + status,
                                        "status",
                                        status,
                                        "startDate",
                                        1,
                                        "stopDate",
                                        2)))));
    }

    private static Set<String> actions(String text) {
        Set<String> actions = new TreeSet<>();
        Matcher m = ACTION.matcher(text);
        while (m.find()) {
            actions.add(m.group());
        }
        return actions;
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path);
    }
}
