package io.jenkins.plugins.awsstepfunctions.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventQueueSettingsTest {

    @ParameterizedTest
    @CsvSource({
        "https://sqs.us-east-1.amazonaws.com/123456789012/sfn-status-changes, us-east-1, true",
        "https://eu-west-1.queue.amazonaws.com/123456789012/q, eu-west-1, true",
        "https://sqs-fips.us-gov-west-1.amazonaws.com/123456789012/q.fifo, us-gov-west-1, true",
        "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q, cn-north-1, true",
        "http://127.0.0.1:4566/000000000000/local, , false"
    })
    void theRegionAndTheEndpointComeFromTheUrl(String url, String region, boolean aws) {
        EventQueueSettings settings = EventQueueSettings.builder(url).build();

        assertThat(settings.region().orElse(null)).isEqualTo(region);
        assertThat(settings.awsHosted()).isEqualTo(aws);
        assertThat(settings.endpoint().getPath()).isEmpty();
        assertThat(settings.account()).hasSize(12);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "sqs.us-east-1.amazonaws.com/123456789012/q",
                "ftp://sqs.us-east-1.amazonaws.com/123456789012/q",
                "https://sqs.us-east-1.amazonaws.com/q",
                "https://sqs.us-east-1.amazonaws.com/123456789012/q?x=1",
                "https://user:pw@sqs.us-east-1.amazonaws.com/123456789012/q",
                "https://sqs.us-east-1.amazonaws.com/123456789012/bad name"
            })
    void aUrlThatIsNotAQueueUrlIsRefusedByName(String url) {
        assertThatThrownBy(() -> EventQueueSettings.builder(url).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("queueUrl")
                .hasMessageNotContaining("pw@");
    }

    @Test
    void receiversAndWaitTimeAreBounded() {
        String url = "https://sqs.us-east-1.amazonaws.com/123456789012/q";
        assertThatThrownBy(() -> EventQueueSettings.builder(url).receivers(0).build())
                .hasMessageContaining("receivers")
                .hasMessageContaining("1 to 10");
        assertThatThrownBy(() -> EventQueueSettings.builder(url)
                        .waitTime(Duration.ofSeconds(21))
                        .build())
                .hasMessageContaining("waitTime")
                .hasMessageContaining("1 to 20");
    }
}
