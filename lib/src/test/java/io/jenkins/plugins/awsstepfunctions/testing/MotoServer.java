package io.jenkins.plugins.awsstepfunctions.testing;

import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * A moto server process on 127.0.0.1 with its Step Functions States Language interpreter switched on.
 * Started from {@code moto/launch_moto.py} on the test classpath; stopped by its process handle.
 */
public final class MotoServer implements AutoCloseable {

    public static final String ACCOUNT_ID = "123456789012";
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY_ID = "AKIAMOTOTESTKEY00001";
    public static final String SECRET_ACCESS_KEY = "moto-test-secret-not-a-real-one";
    public static final String EXECUTION_ROLE_ARN = "arn:aws:iam::" + ACCOUNT_ID + ":role/sfn-test-execution";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final String INTERPRETER_ON = "{\"stepfunctions\":{\"execute_state_machine\":true}}";
    private static final String UNPARSEABLE_DEFINITION =
            "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"NoSuchStateType\",\"End\":true}}}";
    private static final Pattern READY_LINE = Pattern.compile("MOTO_READY (http://\\S+)");

    private final Process process;
    private final Path log;
    private final URI endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MotoServer(Process process, Path log, URI endpoint) {
        this.process = process;
        this.log = log;
        this.endpoint = endpoint;
    }

    /**
     * Starts moto with the given Python interpreter, waits until it answers, and switches the interpreter on.
     *
     * @throws IllegalStateException with moto's own output when it cannot start (for example when moto is not installed)
     */
    public static MotoServer start(String python) {
        Path workDir = createWorkDir();
        Path launcher = copyLauncher(workDir);
        Path log = workDir.resolve("moto.log");
        ProcessBuilder builder = new ProcessBuilder(
                        List.of(python, launcher.toString(), "--host", "127.0.0.1", "--port", "0"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // moto needs no AWS settings of ours, and an empty AWS_DEFAULT_REGION (as the tests set) breaks its import.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("PYTHONUNBUFFERED", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot run the Python interpreter '" + python
                            + "' to start moto; set -Dmoto.python=/path/to/python3 to choose another one",
                    e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "moto-server-stop"));
        try {
            MotoServer server = new MotoServer(process, log, awaitReady(process, log));
            server.switchInterpreterOn();
            return server;
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Connection settings for this server in {@link #REGION}. */
    public ConnectionSettings settings() {
        return ConnectionSettings.builder()
                .region(REGION)
                .endpointUrl(endpoint.toString())
                .build();
    }

    /** The static keys the tests sign with; moto accepts any. */
    public static CredentialsSource credentials() {
        return CredentialsSource.staticKeys(ACCESS_KEY_ID, SECRET_ACCESS_KEY, null);
    }

    /** A Step Functions client for this server, built the way production clients are (explicit Apache HTTP client). */
    public SfnClient sfnClient() {
        return SfnClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** Forgets every state machine and execution; moto keeps its config, so the interpreter stays on. */
    public void reset() {
        post("/moto-api/reset", "");
    }

    /** What moto printed so far, for diagnosing a failed test. */
    public String log() {
        return logText(log);
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the launcher's {@code MOTO_READY http://host:port} line and returns that endpoint. */
    private static URI awaitReady(Process process, Path log) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String output = logText(log);
            Matcher ready = READY_LINE.matcher(output);
            if (ready.find()) {
                return URI.create(ready.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with code " + process.exitValue()
                        + " before it was ready. Its output:\n" + output);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException(
                "moto was not ready within " + STARTUP_TIMEOUT + ". Its output:\n" + logText(log));
    }

    /**
     * Switches the States Language interpreter on and proves it took: with it off, moto accepts any definition;
     * with it on, a definition that does not parse (an unknown state type) is refused.
     */
    private void switchInterpreterOn() {
        post("/moto-api/config", INTERPRETER_ON);
        try (SfnClient sfn = sfnClient()) {
            String name = "interpreter-probe-" + UUID.randomUUID();
            try {
                String arn = sfn.createStateMachine(
                                b -> b.name(name).roleArn(EXECUTION_ROLE_ARN).definition(UNPARSEABLE_DEFINITION))
                        .stateMachineArn();
                sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
                throw new IllegalStateException("moto accepted an invalid state machine definition after "
                        + "POST /moto-api/config " + INTERPRETER_ON + ": its States Language interpreter is not on");
            } catch (SfnException expected) {
                // the interpreter validated the definition and refused it
            }
        }
    }

    private void post(String path, String body) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(endpoint.resolve(path))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "POST " + path + " to moto answered HTTP " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " to moto failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during POST " + path + " to moto", e);
        }
    }

    private static String logText(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static Path createWorkDir() {
        try {
            Path target = Path.of("target");
            Path parent = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
            return Files.createTempDirectory(parent, "moto-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the moto launcher", e);
        }
    }

    private static Path copyLauncher(Path dir) {
        Path launcher = dir.resolve("launch_moto.py");
        try (InputStream in = MotoServer.class.getResourceAsStream("/moto/launch_moto.py")) {
            if (in == null) {
                throw new IllegalStateException("moto/launch_moto.py is missing from the test classpath");
            }
            Files.copy(in, launcher);
            return launcher;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the moto launcher to " + launcher, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for moto", e);
        }
    }
}
