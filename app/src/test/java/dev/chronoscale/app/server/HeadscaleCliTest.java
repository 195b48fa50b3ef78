package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeCommands.RegisterNode;
import dev.chronoscale.domain.node.RegisterMethod;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI as Headscale 0.26's users run it, against a real server over its unix socket: flags in any position,
 * {@code --force} that only skips a prompt, the pre-auth key commands by user id, and Headscale's other verbs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadscaleCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private RunningServer server;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-hs-cli");
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: ''\n"
                + "data_dir: " + dir.resolve("data") + "\nunix_socket: " + dir.resolve("data/cli.sock") + "\n");
    }

    @AfterAll
    void stop() {
        server.close();
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }

    @Test
    void persistentFlagsWorkBeforeTheGroupAfterItAndAfterTheVerb() throws Exception {
        assertThat(cli("users", "create", "pat").status()).isZero();
        String config = server.configFile.toString();
        for (String[] args : List.of(
                new String[] {"-c", config, "-o", "json", "users", "list"},
                new String[] {"users", "-c", config, "-o", "json", "list"},
                new String[] {"users", "list", "-c", config, "-o", "json"},
                new String[] {"-c", config, "users", "--output", "json", "list"})) {
            CliRun run = CliRun.of(args);
            assertThat(run.status()).as(String.join(" ", args) + ": " + run.err()).isZero();
            assertThat(JSON.readTree(run.out()).findValuesAsText("name")).as(String.join(" ", args)).contains("pat");
        }
        CliRun table = CliRun.of("users", "-c", config, "list");
        assertThat(table.out()).startsWith("ID").contains("pat");
        CliRun bad = CliRun.of("nodes", "-o", "xml", "list", "-c", config);
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("unknown output format 'xml'");
    }

    @Test
    void forceOnlySkipsThePromptAndAUserWhoOwnsNodesIsRefusedUnlessDeleteNodes() throws Exception {
        assertThat(cli("users", "create", "quinn").status()).isZero();
        long quinn = userId("quinn");
        long laptop = register(quinn, "quinn-laptop", 'a');

        CliRun refused = cli("users", "destroy", "--name", "quinn", "--force");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("Error: user 'quinn' still owns 1 node(s); delete or move them first, or delete them with the user");
        CliRun refusedGlobally = CliRun.of("--force", "users", "destroy", "-i", Long.toString(quinn), "-c", server.configFile.toString());
        assertThat(refusedGlobally.status()).isEqualTo(1);
        assertThat(nodeIds()).contains(laptop);
        assertThat(userNames()).contains("quinn");

        // No terminal to ask on and no --force: nothing is deleted.
        CliRun unconfirmed = cli("users", "destroy", "--name", "quinn", "--delete-nodes");
        assertThat(unconfirmed.status()).isEqualTo(1);
        assertThat(unconfirmed.err()).contains("pass --force");
        assertThat(nodeIds()).contains(laptop);

        // An older CLI's force=true is refused by the server rather than taken as "delete the devices".
        RunningServer.Reply old = server.send("DELETE", "/api/v1/user/" + quinn + "?force=true", null, Optional.of(apiKey()));
        assertThat(old.status()).isEqualTo(400);
        assertThat(old.json().get("detail").asText()).contains("delete_nodes=true");
        assertThat(nodeIds()).contains(laptop);

        CliRun deleted = cli("users", "destroy", "--name", "quinn", "--delete-nodes", "--force");
        assertThat(deleted.status()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("User destroyed");
        assertThat(nodeIds()).doesNotContain(laptop);
        assertThat(userNames()).doesNotContain("quinn");

        assertThat(cli("users", "create", "rory").status()).isZero();
        CliRun empty = cli("users", "destroy", "--name", "rory", "--force");
        assertThat(empty.status()).as(empty.err()).isZero();
        assertThat(userNames()).doesNotContain("rory");

        assertThat(cli("users", "create", "sam").status()).isZero();
        long spare = register(userId("sam"), "sam-spare", 'b');
        assertThat(cli("nodes", "delete", "-i", Long.toString(spare)).err()).contains("pass --force");
        assertThat(nodeIds()).contains(spare);
        assertThat(cli("nodes", "--force", "delete", "-i", Long.toString(spare)).out()).isEqualTo("Node deleted");
        assertThat(nodeIds()).doesNotContain(spare);
    }

    @Test
    void preAuthKeysAreListedAndExpiredByUserIdWithTheFlagBeforeOrAfterTheVerb() throws Exception {
        assertThat(cli("users", "create", "tess").status()).isZero();
        assertThat(cli("users", "create", "uma").status()).isZero();
        String tess = Long.toString(userId("tess"));
        String uma = Long.toString(userId("uma"));
        CliRun created = cli("preauthkeys", "-u", tess, "create", "--reusable", "--tags", "tag:ci", "-o", "json");
        assertThat(created.status()).as(created.err()).isZero();
        String key = JSON.readTree(created.out()).get("key").asText();
        assertThat(cli("preauthkeys", "create", "-u", uma).status()).isZero();

        CliRun before = cli("preauthkeys", "-u", tess, "list");
        assertThat(before.status()).as(before.err()).isZero();
        assertThat(before.out().lines().findFirst().orElseThrow().split("\\s*\\|\\s*"))
                .containsExactly("ID", "Key", "Reusable", "Ephemeral", "Used", "Expiration", "Created", "Tags");
        assertThat(before.out().lines().skip(1)).singleElement().asString()
                .contains(key.substring(0, 23) + "-***").contains("true").contains("tag:ci");
        JsonNode afterVerb = JSON.readTree(cli("preauthkeys", "list", "--user", uma, "-o", "json").out());
        assertThat(afterVerb).hasSize(1);
        assertThat(afterVerb.get(0).get("user").get("name").asText()).isEqualTo("uma");

        // Headscale's `preauthkeys -u ID expire KEY`: the key must be that user's.
        CliRun wrongUser = cli("preauthkeys", "-u", uma, "expire", key);
        assertThat(wrongUser.status()).isEqualTo(1);
        assertThat(wrongUser.err()).isEqualTo("Error: preauth key does not belong to user " + uma);
        assertThat(expiration(tess)).isAfter(java.time.Instant.now());
        CliRun wrongSecret = cli("preauthkeys", "-u", tess, "expire", key.substring(0, key.length() - 4) + "AAAA");
        assertThat(wrongSecret.status()).isEqualTo(1);
        assertThat(wrongSecret.err()).contains("not found");
        assertThat(cli("preauthkeys", "-u", tess, "expire").err()).contains("KEY");

        CliRun expired = cli("preauthkeys", "-u", tess, "expire", key);
        assertThat(expired.status()).as(expired.err()).isZero();
        assertThat(expired.out()).isEqualTo("Key expired");
        assertThat(expiration(tess)).isBefore(java.time.Instant.now().plusSeconds(1));
        String umaKey = JSON.readTree(cli("preauthkeys", "list", "-u", uma, "-o", "json").out()).get(0).get("key").asText();
        assertThat(umaKey).endsWith("-***");
        assertThat(cli("preauthkeys", "expire", "-u", uma, umaKey).status()).isZero();
        assertThat(expiration(uma)).isBefore(java.time.Instant.now().plusSeconds(1));
    }

    @Test
    void nodesListShowsHeadscalesTagColumnsOnlyWithDashT() throws Exception {
        assertThat(cli("users", "create", "vic").status()).isZero();
        long node = register(userId("vic"), "vic-box", 'c');
        assertThat(server.send("POST", "/api/v1/node/" + node + "/tags", "{\"tags\":[\"tag:box\",\"tag:lab\"]}",
                Optional.of(apiKey())).status()).isEqualTo(200);
        String plain = cli("nodes", "list", "-u", "vic").out();
        assertThat(plain.lines().findFirst().orElseThrow().split("\\s*\\|\\s*")).containsExactly("ID", "Hostname", "Name",
                "MachineKey", "NodeKey", "User", "IP addresses", "Ephemeral", "Last seen", "Expiration", "Connected", "Expired");
        assertThat(plain).doesNotContain("tag:box");
        String tagged = cli("nodes", "list", "-u", "vic", "-t").out();
        List<String> header = List.of(tagged.lines().findFirst().orElseThrow().split("\\s*\\|\\s*"));
        assertThat(header).endsWith("Expired", "ForcedTags", "InvalidTags", "ValidTags");
        String[] row = tagged.lines().skip(1).findFirst().orElseThrow().split("\\s*\\|\\s*");
        assertThat(row[header.indexOf("ForcedTags")]).isEqualTo("tag:box,tag:lab");
    }

    @Test
    void nodesMoveGivesANodeToAnotherUserByIdOrNameAndRefusesTaggedNodesAndUnknownUsers() throws Exception {
        assertThat(cli("users", "create", "xena").status()).isZero();
        assertThat(cli("users", "create", "yuri").status()).isZero();
        long xena = userId("xena");
        long yuri = userId("yuri");
        long desktop = register(xena, "xena-desktop", 'd');

        CliRun moved = cli("nodes", "move", "-i", Long.toString(desktop), "-u", Long.toString(yuri));
        assertThat(moved.status()).as(moved.err()).isZero();
        assertThat(moved.out()).isEqualTo("Node moved to another user");
        assertThat(nodeIdsOf("yuri")).containsExactly(desktop);
        assertThat(nodeIdsOf("xena")).isEmpty();
        assertThat(events(desktop, "NodeMoved")).isEqualTo(1);

        // Back by name, with Headscale's alias and JSON output: the node as the API now shows it.
        CliRun back = cli("nodes", "mv", "--identifier", Long.toString(desktop), "--user", "xena", "-o", "json");
        assertThat(back.status()).as(back.err()).isZero();
        JsonNode node = JSON.readTree(back.out());
        assertThat(node.get("id").asLong()).isEqualTo(desktop);
        assertThat(node.get("user").get("name").asText()).isEqualTo("xena");
        assertThat(events(desktop, "NodeMoved")).isEqualTo(2);

        // To the user who owns it: nothing to record.
        CliRun same = cli("nodes", "move", "-i", Long.toString(desktop), "-u", Long.toString(xena));
        assertThat(same.status()).as(same.err()).isZero();
        assertThat(events(desktop, "NodeMoved")).isEqualTo(2);

        CliRun unknownUser = cli("nodes", "move", "-i", Long.toString(desktop), "-u", "nobody");
        assertThat(unknownUser.status()).isEqualTo(1);
        assertThat(unknownUser.err()).isEqualTo("Error: user 'nobody' not found");
        RunningServer.Reply unknownId = server.send("POST", "/api/v1/node/" + desktop + "/user", "{\"user\":\"987654\"}",
                Optional.of(apiKey()));
        assertThat(unknownId.status()).isEqualTo(404);
        assertThat(unknownId.json().get("detail").asText()).isEqualTo("user 987654 not found");
        assertThat(server.send("POST", "/api/v1/node/" + desktop + "/user", "{}", Optional.of(apiKey())).status()).isEqualTo(400);
        CliRun unknownNode = cli("nodes", "move", "-i", "987654", "-u", "yuri");
        assertThat(unknownNode.status()).isEqualTo(1);
        assertThat(unknownNode.err()).contains("node 987654 not found");

        assertThat(server.send("POST", "/api/v1/node/" + desktop + "/tags", "{\"tags\":[\"tag:desk\"]}",
                Optional.of(apiKey())).status()).isEqualTo(200);
        CliRun tagged = cli("nodes", "move", "-i", Long.toString(desktop), "-u", "yuri");
        assertThat(tagged.status()).isEqualTo(1);
        assertThat(tagged.err()).isEqualTo("Error: node " + desktop + " is tagged (tag:desk): a tagged node belongs to its "
                + "tags, not to a user, and is not moved");
        assertThat(nodeIdsOf("xena")).containsExactly(desktop);
        assertThat(events(desktop, "NodeMoved")).isEqualTo(2);
    }

    @Test
    void nodesBackfillipsGivesANodeRecordedWithoutIpv6AnAddressAfterAskingAndRecordsNothingTheSecondTime() throws Exception {
        assertThat(cli("users", "create", "zoe").status()).isZero();
        long zoe = userId("zoe");
        long old = recordedWithoutIpv6(zoe, "zoe-old", "100.64.9.1");
        long full = register(zoe, "zoe-new", 'e');
        List<String> fullAddresses = addresses(full);
        assertThat(addresses(old)).containsExactly("100.64.9.1");

        CliRun unconfirmed = cli("nodes", "backfillips");
        assertThat(unconfirmed.status()).isEqualTo(1);
        assertThat(unconfirmed.err()).contains("pass --force");
        RunningServer.Reply unconfirmedApi = server.send("POST", "/api/v1/node/backfillips", null, Optional.of(apiKey()));
        assertThat(unconfirmedApi.status()).isEqualTo(400);
        assertThat(unconfirmedApi.json().get("detail").asText()).startsWith("not confirmed, aborting");
        assertThat(addresses(old)).containsExactly("100.64.9.1");
        assertThat(events(old, "NodeAddressesChanged")).isZero();

        CliRun backfilled = cli("nodes", "backfillips", "--force");
        assertThat(backfilled.status()).as(backfilled.err()).isZero();
        List<String> now = addresses(old);
        assertThat(now).hasSize(2).startsWith("100.64.9.1");
        String ipv6 = now.get(1);
        assertThat(ipv6).startsWith("fd7a:115c:a1e0::");
        assertThat(backfilled.out()).isEqualTo("assigned IPv6 \"" + ipv6 + "\" to Node(" + old + ") \"zoe-old\"\n"
                + "Node IPs backfilled successfully");
        assertThat(addresses(full)).isEqualTo(fullAddresses);
        List<String> everyIpv6 = new ArrayList<>();
        JSON.readTree(cli("nodes", "list", "-o", "json").out()).forEach(n -> everyIpv6.add(n.get("ip_addresses").get(1).asText()));
        assertThat(everyIpv6).doesNotHaveDuplicates().contains(ipv6);
        assertThat(events(old, "NodeAddressesChanged")).isEqualTo(1);

        // Nothing is missing any more: no change, no event; Headscale's JSON leaves the empty list out.
        CliRun again = cli("-o", "json", "nodes", "backfillips", "--force");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo("{}");
        assertThat(events(old, "NodeAddressesChanged")).isEqualTo(1);
        assertThat(server.send("POST", "/api/v1/node/backfillips?confirmed=true", null, Optional.of(apiKey())).json()
                .get("changes")).isEmpty();
    }

    @Test
    void usersCreateWithHeadscalesFlagsGivesTheUserItsPictureInTheApiTheCliJsonAndTheNetmap() throws Exception {
        String picture = "https://pics.example.com/ada.png?size=64";
        CliRun created = cli("users", "create", "ada", "-d", "Ada Lovelace", "-e", "ada@example.com", "-p", picture);
        assertThat(created.status()).as(created.err()).isZero();
        assertThat(created.out()).isEqualTo("User created");

        JsonNode listed = JSON.readTree(cli("users", "list", "--name", "ada", "-o", "json").out()).get(0);
        assertThat(listed.get("display_name").asText()).isEqualTo("Ada Lovelace");
        assertThat(listed.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(listed.get("profile_pic_url").asText()).isEqualTo(picture);
        JsonNode api = server.send("GET", "/api/v1/user?name=ada", null, Optional.of(apiKey())).json().get("users").get(0);
        assertThat(api.get("profilePicUrl").asText()).isEqualTo(picture);

        // The netmap a node of hers is served names her with the picture.
        long node = register(api.get("id").asLong(), "ada-engine", 'f');
        JsonNode map = server.send("GET", "/api/v1/history/netmap?node=" + node + "&at=" + java.time.Instant.now(), null,
                Optional.of(apiKey())).json();
        assertThat(map.get("UserProfiles").findValuesAsText("ProfilePicURL")).contains(picture);

        // Created through the API with Headscale's field name; without a picture the field is empty.
        assertThat(server.send("POST", "/api/v1/user", "{\"name\":\"ben\",\"picture_url\":\"http://pics.example.com/b.png\"}",
                Optional.of(apiKey())).json().get("user").get("profilePicUrl").asText()).isEqualTo("http://pics.example.com/b.png");
        assertThat(cli("users", "create", "cyd").status()).isZero();
        JsonNode cyd = JSON.readTree(cli("users", "list", "--name", "cyd", "-o", "json").out()).get(0);
        assertThat(cyd.has("profile_pic_url")).isFalse();

        CliRun refused = cli("users", "create", "dot", "--picture-url", "pics.example.com/dot.png");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("Error: picture URL 'pics.example.com/dot.png' is invalid: it must be an http:// or "
                + "https:// URL");
        assertThat(userNames()).doesNotContain("dot");
    }

    @Test
    void debugCreateNodeWaitsUnderItsRegistrationIdUntilNodesRegisterAdmitsItToTheUserThatCommandNames() throws Exception {
        assertThat(cli("users", "create", "eve").status()).isZero();
        assertThat(cli("users", "create", "fay").status()).isZero();
        String key = "dbgKey0123456789abcdef_-";

        CliRun created = cli("debug", "create-node", "--name", "dbg-box", "--user", "eve", "--key", key,
                "--route", "10.9.0.0/24", "-r", "10.8.0.0/16", "-o", "json");
        assertThat(created.status()).as(created.err()).isZero();
        JsonNode pending = JSON.readTree(created.out());
        assertThat(pending.get("name").asText()).isEqualTo("dbg-box");
        assertThat(pending.get("user").get("name").asText()).isEqualTo("eve");
        assertThat(pending.get("machine_key").asText()).matches("mkey:[0-9a-f]{64}");
        assertThat(JSON.convertValue(pending.get("available_routes"), List.class)).containsExactly("10.8.0.0/16", "10.9.0.0/24");
        assertThat(pending.has("ip_addresses")).isFalse();
        assertThat(nodeIdsOf("eve")).isEmpty();
        assertThat(nodeIdsOf("fay")).isEmpty();

        CliRun twice = cli("debug", "create-node", "--name", "other", "--user", "eve", "--key", key);
        assertThat(twice.status()).isEqualTo(1);
        assertThat(twice.err()).isEqualTo("Error: a registration with the key " + key + " is already waiting");

        // Headscale 0.26's nodes register --key ID: the user it names becomes the owner.
        CliRun registered = cli("nodes", "register", "--user", "fay", "--key", key);
        assertThat(registered.status()).as(registered.err()).isZero();
        assertThat(registered.out()).isEqualTo("Node registered");
        assertThat(nodeIdsOf("eve")).isEmpty();
        JsonNode node = JSON.readTree(cli("nodes", "list", "-u", "fay", "-o", "json").out()).get(0);
        assertThat(node.get("name").asText()).isEqualTo("dbg-box");
        assertThat(node.get("given_name").asText()).isEqualTo("dbg-box");
        assertThat(node.get("machine_key").asText()).isEqualTo(pending.get("machine_key").asText());
        assertThat(node.get("ip_addresses")).hasSize(2);
        assertThat(node.get("register_method").asInt()).isEqualTo(2);
        assertThat(JSON.convertValue(node.get("available_routes"), List.class)).containsExactly("10.8.0.0/16", "10.9.0.0/24");
        assertThat(events(node.get("id").asLong(), "NodeRegistered")).isEqualTo(1);

        CliRun again = cli("nodes", "register", "--user", "fay", "--key", key);
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("no pending auth session");

        // Our own auth id form works as well, and a rejected one is gone.
        String authId = "hskey-authreq-" + "rejectMe".repeat(3);
        assertThat(cli("debug", "create-node", "--name", "gone", "-u", "eve", "-k", authId).out()).isEqualTo("Node created");
        assertThat(cli("auth", "reject", "--auth-id", authId).status()).isZero();
        assertThat(cli("nodes", "register", "--user", "eve", "--key", authId).err()).contains("no pending auth session");
        assertThat(nodeIdsOf("eve")).isEmpty();

        // Refused, with nothing left waiting: a machine key instead of a registration ID, an unknown user, a bad route.
        String machineKey = "mkey:" + "ab".repeat(32);
        CliRun notAnId = cli("debug", "create-node", "--name", "x", "--user", "eve", "--key", machineKey);
        assertThat(notAnId.status()).isEqualTo(1);
        assertThat(notAnId.err()).contains("or the 24 characters alone");
        String unusedKey = "unusedKey0123456789abcde";
        CliRun noUser = cli("debug", "create-node", "--name", "x", "--user", "nobody", "--key", unusedKey);
        assertThat(noUser.err()).isEqualTo("Error: user 'nobody' not found");
        CliRun badRoute = cli("debug", "create-node", "--name", "x", "--user", "eve", "--key", unusedKey, "-r", "10.0.0.0/99");
        assertThat(badRoute.status()).isEqualTo(1);
        assertThat(badRoute.err()).contains("route '10.0.0.0/99' is invalid");
        assertThat(cli("nodes", "register", "--user", "eve", "--key", unusedKey).err()).contains("no pending auth session");
    }

    @Test
    void generatedPrivateKeysAreAcceptedByConfigtestAndBrokenConfigurationIsNot() throws Exception {
        CliRun generated = CliRun.of("generate", "private-key");
        assertThat(generated.status()).isZero();
        assertThat(generated.out()).matches("privkey:[0-9a-f]{64}");
        assertThat(CliRun.of("generate", "private-key").out()).isNotEqualTo(generated.out());
        JsonNode json = JSON.readTree(CliRun.of("-o", "json", "gen", "private-key").out());
        assertThat(json.get("private_key").asText()).matches("privkey:[0-9a-f]{64}");

        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("noise.key"), generated.out() + "\n");
        Files.writeString(other.resolve("policy.hujson"), "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}]}");
        Path config = other.resolve("config.yaml");
        String good = "listen_addr: 127.0.0.1:0\nnoise:\n  private_key_path: noise.key\npolicy:\n  mode: file\n  path: policy.hujson\n";
        Files.writeString(config, good);
        CliRun valid = CliRun.of("configtest", "-c", config.toString());
        assertThat(valid.status()).as(valid.err()).isZero();
        assertThat(valid.out()).isEmpty();

        Files.writeString(config, good + "prefixes:\n  v4: 100.64.0.0/33\n");
        CliRun badValue = CliRun.of("-c", config.toString(), "configtest");
        assertThat(badValue.status()).isEqualTo(1);
        assertThat(badValue.err()).startsWith("Error: config key 'prefixes.v4'");

        Files.writeString(config, good);
        Files.writeString(other.resolve("policy.hujson"), "{\"acls\": [{\"action\": \"accept\", \"src\": [\"group:none\"], \"dst\": [\"*:*\"]}]}");
        CliRun badPolicy = CliRun.of("configtest", "-c", config.toString());
        assertThat(badPolicy.status()).isEqualTo(1);
        assertThat(badPolicy.err()).startsWith("Error: config key 'policy.path'").contains("group:none");

        Files.writeString(other.resolve("policy.hujson"), "{}");
        Files.writeString(other.resolve("noise.key"), "privkey:1234\n");
        CliRun badKey = CliRun.of("configtest", "-c", config.toString());
        assertThat(badKey.status()).isEqualTo(1);
        assertThat(badKey.err()).startsWith("Error: config key 'noise.private_key_path'");
    }

    @Test
    void aClientConfigWithCliKeysReachesTheServerRemotelyAndCliInsecureSkipsTheCertificateCheck() throws Exception {
        assertThat(cli("users", "create", "wes").status()).isZero();
        int port = server.bean(ServerLifecycle.class).boundAddress().getPort();
        Path client = Files.createDirectories(dir.resolve("client"));
        Path config = client.resolve("config.yaml");
        // No unix socket on this side: only cli.* can reach the server.
        Files.writeString(config, "unix_socket: ''\ncli:\n  address: http://127.0.0.1:" + port + "\n  api_key: " + apiKey() + "\n");
        CliRun remote = CliRun.of("users", "list", "-c", config.toString(), "-o", "json");
        assertThat(remote.status()).as(remote.err()).isZero();
        assertThat(JSON.readTree(remote.out()).findValuesAsText("name")).contains("wes");

        Files.writeString(config, "unix_socket: ''\ncli:\n  address: http://127.0.0.1:" + port + "\n");
        CliRun noKey = CliRun.of("users", "list", "-c", config.toString());
        assertThat(noKey.status()).isEqualTo(1);
        assertThat(noKey.err()).contains("cli.api_key");
        CliRun flagKey = CliRun.of("users", "list", "-c", config.toString(), "--api-key", apiKey());
        assertThat(flagKey.status()).as(flagKey.err()).isZero();

        try (TlsProxy proxy = new TlsProxy(client, port)) {
            String tls = "unix_socket: ''\ncli:\n  address: " + proxy.address() + "\n  api_key: " + apiKey() + "\n";
            Files.writeString(config, tls);
            CliRun checked = CliRun.of("users", "list", "-c", config.toString());
            assertThat(checked.status()).isEqualTo(1);
            assertThat(checked.out()).doesNotContain("wes");
            Files.writeString(config, tls + "  insecure: true\n");
            CliRun insecure = CliRun.of("users", "list", "-c", config.toString());
            assertThat(insecure.status()).as(insecure.err()).isZero();
            assertThat(insecure.out()).contains("wes");
        }
    }

    private java.time.Instant expiration(String userId) throws Exception {
        JsonNode key = JSON.readTree(cli("preauthkeys", "list", "-u", userId, "-o", "json-line").out()).get(0);
        return java.time.Instant.ofEpochSecond(key.get("expiration").get("seconds").asLong());
    }

    CliRun cli(String... args) {
        return server.cli(args);
    }

    private String apiKey;

    private String apiKey() {
        if (apiKey == null) {
            apiKey = cli("apikeys", "create").out();
        }
        return apiKey;
    }

    private long userId(String name) throws Exception {
        return JSON.readTree(cli("users", "list", "--name", name, "-o", "json").out()).get(0).get("id").asLong();
    }

    private List<String> userNames() throws Exception {
        return JSON.readTree(cli("users", "list", "-o", "json").out()).findValuesAsText("name");
    }

    private List<Long> nodeIds() throws Exception {
        List<Long> ids = new ArrayList<>();
        JsonNode nodes = JSON.readTree(cli("nodes", "list", "-o", "json").out());
        nodes.forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    private List<Long> nodeIdsOf(String user) throws Exception {
        List<Long> ids = new ArrayList<>();
        JSON.readTree(cli("nodes", "list", "-u", user, "-o", "json").out()).forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    /** How many events of this type the node's stream holds. */
    private long events(long nodeId, String type) {
        return server.bean(org.axonframework.eventsourcing.eventstore.EventStore.class).readEvents("node:" + nodeId).asStream()
                .filter(event -> event.getPayloadType().getSimpleName().equals(type)).count();
    }

    private List<String> addresses(long nodeId) throws Exception {
        for (JsonNode node : JSON.readTree(cli("nodes", "list", "-o", "json").out())) {
            if (node.get("id").asLong() == nodeId) {
                List<String> addresses = new ArrayList<>();
                node.get("ip_addresses").forEach(address -> addresses.add(address.asText()));
                return addresses;
            }
        }
        throw new AssertionError("node " + nodeId + " is not listed");
    }

    /**
     * A node as a build that served IPv4 only recorded it (before both prefixes were required): no IPv6 address, and
     * the claims registration made.
     */
    private long recordedWithoutIpv6(long userId, String hostname, String ipv4) {
        long id = server.bean(IdSequence.class).next(IdSequence.Kind.NODE);
        String owner = "node:" + id;
        String hex = Long.toHexString(id).repeat(64).substring(0, 63) + "7";
        dev.chronoscale.domain.uniqueness.UniquenessRegistry claims = server.bean(dev.chronoscale.domain.uniqueness.UniquenessRegistry.class);
        claims.claim(dev.chronoscale.domain.uniqueness.ClaimKind.NODE_MACHINE_KEY, "mkey:" + hex, owner);
        claims.claim(dev.chronoscale.domain.uniqueness.ClaimKind.NODE_KEY, "nodekey:" + hex, owner);
        claims.claim(dev.chronoscale.domain.uniqueness.ClaimKind.NODE_NAME, hostname, owner);
        claims.claim(dev.chronoscale.domain.uniqueness.ClaimKind.IPV4, ipv4, owner);
        var registered = new dev.chronoscale.domain.node.NodeEvents.NodeRegistered(id, "mkey:" + hex, "nodekey:" + hex, userId,
                List.of(), hostname, hostname, ipv4, null, null, false, null, RegisterMethod.CLI);
        AuditContext node = new AuditContext(ActorType.NODE, Long.toString(id), Optional.of("127.0.0.1"), Optional.empty());
        server.bean(org.axonframework.eventsourcing.eventstore.EventStore.class).publish(
                new org.axonframework.eventhandling.GenericDomainEventMessage<>("NodeAggregate", owner, 0, registered, node.toMetadata()));
        return id;
    }

    /** Registers a node the way the gateway does: a command with the node as its actor. */
    private long register(long userId, String hostname, char keyDigit) {
        long id = server.bean(IdSequence.class).next(IdSequence.Kind.NODE);
        String hex = String.valueOf(keyDigit).repeat(63) + "1";
        RegisterNode command = new RegisterNode(id, "mkey:" + hex, "nodekey:" + hex, userId, List.of(), hostname,
                null, false, null, RegisterMethod.AUTH_KEY);
        AuditContext node = new AuditContext(ActorType.NODE, Long.toString(id), Optional.of("127.0.0.1"), Optional.empty());
        server.bean(CommandGateway.class).sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(node.toMetadata()));
        return id;
    }
}
