package dev.chronoscale.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.app.config.ConfigLoader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** What every client command shares: where the server is, how to authenticate, how to print. */
abstract class ApiCommand implements Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TABLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Option(names = {"-c", "--config"}, description = "Config file (default ./chronoscale.yaml if present); used to find the unix socket.")
    Path config;

    @Option(names = "--address", description = "Server URL for remote use, e.g. https://cs.example.com "
            + "(config cli.address, env CHRONOSCALE_CLI_ADDRESS or HEADSCALE_CLI_ADDRESS).")
    String address;

    @Option(names = "--api-key", description = "API key for remote use (config cli.api_key, env CHRONOSCALE_CLI_API_KEY "
            + "or HEADSCALE_CLI_API_KEY).")
    String apiKey;

    @Option(names = {"-o", "--output"}, description = "Output format: json, json-line or yaml (default: a table or a message).")
    String output;

    @Option(names = "--force", description = "Skip the confirmation prompt (of users destroy, nodes delete, nodes backfillips).")
    boolean force;

    @Spec
    CommandSpec spec;

    @Option(names = "--reason", description = "Why you are making this change; recorded in the audit trail.")
    String reason;

    @Override
    public final Integer call() throws Exception {
        output = PersistentFlags.<String>nearest(spec, "--output").orElse(null);
        force = PersistentFlags.<Boolean>nearest(spec, "--force").orElse(false);
        if (output != null && !output.equals("json") && !output.equals("json-line") && !output.equals("yaml")
                && !extraOutputs().contains(output)) {
            throw new CliFailure("unknown output format '" + output + "': use json, json-line or yaml"
                    + extraOutputs().stream().map(f -> " or " + f).reduce("", String::concat));
        }
        run();
        return 0;
    }

    abstract void run() throws Exception;

    /** Output formats this command offers beside json, json-line and yaml. */
    java.util.Set<String> extraOutputs() {
        return java.util.Set.of();
    }

    boolean machineOutput() {
        return output != null;
    }

    private ApiClient client;

    /**
     * Remote when an address is given ({@code --address}, else {@code cli.address} with its environment variables),
     * with the API key from {@code --api-key} or {@code cli.api_key}; otherwise the config's unix socket.
     */
    ApiClient client() {
        if (client == null) {
            ChronoscaleConfig loaded = ConfigLoader.load(RootCommand.configFile(spec), System.getenv(), warning -> { });
            ChronoscaleConfig.Cli cli = loaded.cli();
            Optional<URI> remote = address != null && !address.isBlank()
                    ? Optional.of(URI.create(address.endsWith("/") ? address : address + "/")) : cli.address();
            if (remote.isPresent()) {
                String key = Optional.ofNullable(apiKey).filter(k -> !k.isBlank()).or(cli::apiKey)
                        .orElseThrow(() -> new CliFailure("--api-key (or cli.api_key, CHRONOSCALE_CLI_API_KEY, HEADSCALE_CLI_API_KEY) "
                                + "is needed with --address " + remote.get()));
                client = new ApiClient.Remote(remote.get(), key, cli.timeout(), cli.insecure());
            } else {
                client = new ApiClient.Local(loaded.unixSocket().orElseThrow(() ->
                        new CliFailure("unix_socket is disabled in the config; use --address and --api-key")));
            }
        }
        return client;
    }

    JsonNode call(String method, String path, Object body) {
        return call(method, path, body, line -> { });
    }

    JsonNode call(String method, String path, Object body, Consumer<String> lines) {
        try {
            Optional<String> json = body == null ? Optional.empty() : Optional.of(JSON.writeValueAsString(body));
            ApiClient.Response response = client().send(method, path,
                    json, Optional.ofNullable(reason), lines);
            if (!response.ok()) {
                throw new CliFailure(errorMessage(response));
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CliFailure(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    static String errorMessage(ApiClient.Response response) {
        if (response.status() == 401) {
            return "unauthorized: the API key is missing, wrong or expired";
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem != null && problem.hasNonNull("detail")) {
                return problem.get("detail").asText();
            }
        } catch (JsonProcessingException ignored) {
            // not a problem document; fall through
        }
        return "server answered " + response.status() + ": " + response.body();
    }

    /** Prints machine output of {@code value} when -o was given, otherwise the human text. */
    void print(JsonNode value, String human) throws JsonProcessingException {
        System.out.println(machineOutput() ? HeadscaleCliJson.print(value, output) : human);
    }

    /** Prints a document as the server wrote it (not in Headscale's CLI shape): json, json-line or yaml. */
    void printDocument(JsonNode value) throws JsonProcessingException {
        System.out.println(switch (output) {
            case "json" -> JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
            case "json-line" -> JSON.writeValueAsString(value);
            default -> new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).writeValueAsString(value).stripTrailing();
        });
    }

    /** The moment a key given {@code --expiration} (e.g. 24h, 90d) from now expires. */
    static Instant expiresAfter(String expiration) {
        try {
            return Instant.now().plus(dev.chronoscale.app.config.DurationText.parse(expiration));
        } catch (IllegalArgumentException e) {
            throw new CliFailure("--expiration: " + e.getMessage());
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Adds {@code name=value}, the value URL-encoded, to a query when the option was given. */
    static void addIfGiven(java.util.List<String> query, String name, Object value) {
        if (value != null) {
            query.add(name + "=" + encode(value.toString()));
        }
    }

    static String time(JsonNode value) {
        return value == null || value.isNull() ? "" : TABLE_TIME.format(Instant.parse(value.asText()));
    }

    static String joined(JsonNode array, String separator) {
        StringBuilder out = new StringBuilder();
        if (array != null) {
            array.forEach(v -> out.append(out.length() > 0 ? separator : "").append(v.asText()));
        }
        return out.toString();
    }
}
