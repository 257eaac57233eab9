package io.jenkins.plugins.awsstepfunctions.connection;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.AttributeMap;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** Builds one Step Functions client, with everything it owns, from effective settings and credentials. */
final class SdkClientFactory {

    private final CredentialRefresh refresh;

    SdkClientFactory(CredentialRefresh refresh) {
        this.refresh = refresh;
    }

    /**
     * A Step Functions client, an STS client with the same identity (for "who am I" checks), and what must be closed
     * with them, the clients first.
     */
    record BuiltClient(SfnClient sfn, StsClient sts, List<SdkAutoCloseable> resources) {

        /** Assumes the client's role again, if it has one; says whether it did. */
        boolean renewRoleSession() {
            for (SdkAutoCloseable resource : resources) {
                if (resource instanceof RenewableRoleCredentials role) {
                    role.renew();
                    return true;
                }
            }
            return false;
        }

        void close() {
            sfn.close();
            sts.close();
            resources.forEach(SdkAutoCloseable::close);
        }
    }

    BuiltClient build(ConnectionSettings settings, CredentialsSource credentials) {
        ClientSettings client = settings.clientSettings();
        Region region = Region.of(settings.region().orElseGet(SdkClientFactory::defaultRegion));
        List<SdkAutoCloseable> resources = new ArrayList<>();
        SdkHttpClient http = httpClient(settings, credentials, settings.endpointUrl(), Duration.ZERO);
        try {
            resources.add(http);
            AwsCredentialsProvider provider = credentialsProvider(settings, credentials.aws(), region, http, resources);
            SfnClientBuilder builder = SfnClient.builder()
                    .httpClient(http)
                    .region(region)
                    .credentialsProvider(provider)
                    .overrideConfiguration(
                            overrides(client, settings.endpointUrl().isPresent()));
            settings.endpointUrl().ifPresent(builder::endpointOverride);
            SfnClient sfn = builder.build();
            return new BuiltClient(sfn, identityClient(settings, region, http, provider), List.copyOf(resources));
        } catch (RuntimeException e) {
            resources.forEach(SdkAutoCloseable::close);
            throw e;
        }
    }

    /**
     * STS for "who am I": the role's STS endpoint and region if given; else, with an endpoint override, that endpoint
     * (emulators such as moto and LocalStack serve STS beside Step Functions); else the regional STS endpoint.
     */
    private static StsClient identityClient(
            ConnectionSettings settings, Region region, SdkHttpClient http, AwsCredentialsProvider provider) {
        StsClientBuilder sts = StsClient.builder()
                .httpClient(http)
                .credentialsProvider(provider)
                .region(settings.assumeRole()
                        .flatMap(AssumeRoleSettings::stsRegion)
                        .map(Region::of)
                        .orElse(region));
        settings.assumeRole()
                .flatMap(AssumeRoleSettings::stsEndpoint)
                .or(settings::endpointUrl)
                .ifPresent(sts::endpointOverride);
        return sts.build();
    }

    private static String defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException e) {
            throw new InvalidSettingException(
                    "region",
                    "is not set, and the AWS SDK found no default region"
                            + " (AWS_REGION, the aws.region system property, the profile, instance metadata); set the region"
                            + " on the step or in the global configuration",
                    e);
        }
    }

    /**
     * SQS for the status-change queue (its endpoint is the queue URL's) and EventBridge for checking the rule that
     * feeds it (the queue's endpoint too when that is an emulator's, else EventBridge's regional one), with the
     * connection's TLS, proxy, client settings and identity. The HTTP client waits at least {@code longPoll} plus a
     * margin for an answer, so a long poll is not cut short by a shorter read timeout.
     */
    QueueClients buildQueue(
            ConnectionSettings settings,
            CredentialsSource credentials,
            URI queueEndpoint,
            Optional<String> queueRegion,
            boolean awsHosted,
            Duration longPoll) {
        Region region = Region.of(queueRegion.or(settings::region).orElseGet(SdkClientFactory::defaultRegion));
        List<SdkAutoCloseable> resources = new ArrayList<>();
        SdkHttpClient http =
                httpClient(settings, credentials, Optional.of(queueEndpoint), longPoll.plus(Duration.ofSeconds(10)));
        try {
            resources.add(http);
            AwsCredentialsProvider provider = credentialsProvider(settings, credentials.aws(), region, http, resources);
            SqsClient sqs = SqsClient.builder()
                    .httpClient(http)
                    .region(region)
                    .credentialsProvider(provider)
                    .endpointOverride(queueEndpoint)
                    .overrideConfiguration(overrides(settings.clientSettings(), false))
                    .build();
            resources.add(0, sqs);
            EventBridgeClientBuilder events = EventBridgeClient.builder()
                    .httpClient(http)
                    .region(region)
                    .credentialsProvider(provider)
                    .overrideConfiguration(overrides(settings.clientSettings(), false));
            if (!awsHosted) {
                events.endpointOverride(queueEndpoint);
            }
            EventBridgeClient eventBridge = events.build();
            resources.add(0, eventBridge);
            return new QueueClients(sqs, eventBridge, List.copyOf(resources));
        } catch (RuntimeException e) {
            resources.forEach(SdkAutoCloseable::close);
            throw e;
        }
    }

    private static SdkHttpClient httpClient(
            ConnectionSettings settings, CredentialsSource credentials, Optional<URI> endpoint, Duration minRead) {
        ClientSettings client = settings.clientSettings();
        ApacheHttpClient.Builder http = ApacheHttpClient.builder();
        client.connectTimeout().ifPresent(http::connectionTimeout);
        Duration read = client.readTimeout().orElse(SDK_READ_TIMEOUT);
        if (client.readTimeout().isPresent() || read.compareTo(minRead) < 0) {
            http.socketTimeout(read.compareTo(minRead) < 0 ? minRead : read);
        }
        client.tcpKeepAlive().ifPresent(http::tcpKeepAlive);
        client.maxPoolConnections().ifPresent(http::maxConnections);
        http.proxyConfiguration(proxy(settings, credentials, endpoint));
        if (!settings.verifyTls()) {
            return http.buildWithDefaults(AttributeMap.builder()
                    .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true)
                    .build());
        }
        if (settings.caBundlePem().isPresent()) {
            TrustManager[] trust =
                    CaBundle.trustManagers("caBundle", settings.caBundlePem().get());
            http.tlsTrustManagersProvider(() -> trust);
        }
        return http.build();
    }

    /**
     * Only the proxy the settings name: never one from system properties or the environment by surprise; its login,
     * if any, comes with the credentials.
     */
    private static ProxyConfiguration proxy(
            ConnectionSettings settings, CredentialsSource credentials, Optional<URI> endpoint) {
        ClientSettings client = settings.clientSettings();
        boolean plainHttp =
                endpoint.map(URI::getScheme).map("http"::equalsIgnoreCase).orElse(false);
        Optional<ProxySetting> chosen = plainHttp ? client.httpProxy() : client.httpsProxy();
        ProxyConfiguration.Builder proxy =
                ProxyConfiguration.builder().useSystemPropertyValues(false).useEnvironmentVariableValues(false);
        chosen.ifPresent(p -> {
            proxy.endpoint(p.endpoint());
            if (credentials instanceof CredentialsSource.WithProxyLogin login) {
                proxy.username(login.username());
                proxy.password(login.password());
            }
        });
        return proxy.build();
    }

    private AwsCredentialsProvider credentialsProvider(
            ConnectionSettings settings,
            CredentialsSource credentials,
            Region region,
            SdkHttpClient http,
            List<SdkAutoCloseable> resources) {
        boolean unsigned = settings.clientSettings().unsigned() || credentials == CredentialsSource.anonymous();
        if (unsigned) {
            if (settings.assumeRole().isPresent()) {
                throw new InvalidSettingException(
                        "roleArn",
                        "a role cannot be assumed with unsigned requests"
                                + " (signature_version: unsigned, or anonymous credentials); remove one of the two");
            }
            return AnonymousCredentialsProvider.create();
        }
        AwsCredentialsProvider base = baseProvider(credentials, resources);
        if (settings.assumeRole().isEmpty()) {
            return base;
        }
        AssumeRoleSettings role = settings.assumeRole().get();
        StsClientBuilder sts = StsClient.builder()
                .httpClient(http)
                .credentialsProvider(base)
                .region(role.stsRegion().map(Region::of).orElse(region))
                .overrideConfiguration(overrides(settings.clientSettings(), false));
        role.stsEndpoint().ifPresent(sts::endpointOverride);
        StsClient stsClient = sts.build();
        resources.add(0, stsClient);
        RenewableRoleCredentials assumed = new RenewableRoleCredentials(() -> StsAssumeRoleCredentialsProvider.builder()
                .stsClient(stsClient)
                .refreshRequest(request -> {
                    request.roleArn(role.roleArn())
                            .roleSessionName(role.sessionName())
                            .durationSeconds((int) role.duration().toSeconds());
                    role.externalId().ifPresent(request::externalId);
                })
                .asyncCredentialUpdateEnabled(false)
                .prefetchTime(refresh.prefetch())
                .staleTime(refresh.stale())
                .build());
        resources.add(0, assumed);
        return assumed;
    }

    private static AwsCredentialsProvider baseProvider(
            CredentialsSource credentials, List<SdkAutoCloseable> resources) {
        if (credentials instanceof CredentialsSource.StaticKeys keys) {
            return StaticCredentialsProvider.create(
                    keys.sessionToken() == null
                            ? AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())
                            : AwsSessionCredentials.create(
                                    keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken()));
        }
        if (credentials instanceof CredentialsSource.Provided provided) {
            return provided.provider();
        }
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        resources.add(0, chain);
        return chain;
    }

    /** The SDK's defaults (Apache client, standard retries), which the deadlines are derived from when unset. */
    static final Duration SDK_READ_TIMEOUT = Duration.ofSeconds(30);

    static final Duration SDK_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final int SDK_MAX_ATTEMPTS = 3;
    static final Duration DEADLINE_MARGIN = Duration.ofSeconds(30);

    private static ClientOverrideConfiguration overrides(ClientSettings client, boolean endpointOverridden) {
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder();
        if (client.retryMode().isPresent() || client.totalMaxAttempts().isPresent()) {
            RetryStrategy strategy =
                    AwsRetryStrategy.forRetryMode(client.retryMode().orElseGet(RetryMode::defaultRetryMode));
            if (client.totalMaxAttempts().isPresent()) {
                strategy = strategy.toBuilder()
                        .maxAttempts(client.totalMaxAttempts().get())
                        .build();
            }
            overrides.retryStrategy(strategy);
        }
        // Every call has a deadline, also an answer that trickles in under the read timeout.
        Duration attempt = client.readTimeout()
                .orElse(SDK_READ_TIMEOUT)
                .plus(client.connectTimeout().orElse(SDK_CONNECT_TIMEOUT))
                .plus(DEADLINE_MARGIN);
        overrides.apiCallAttemptTimeout(attempt);
        overrides.apiCallTimeout(attempt.multipliedBy(client.totalMaxAttempts().orElse(SDK_MAX_ATTEMPTS))
                .plus(DEADLINE_MARGIN));
        client.userAgentExtra()
                .ifPresent(extra -> overrides.putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, extra));
        if (endpointOverridden) {
            // StartSyncExecution would otherwise go to "sync-" + the overridden host.
            overrides.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true);
        }
        return overrides.build();
    }
}
