package dev.chronoscale.admin.groups;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.GroupResource;
import org.keycloak.admin.client.resource.GroupsResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A Keycloak realm's groups and their members, read with the Keycloak Admin Client as a service account: every group
 * of the realm (subgroups included) by its full path, and each of its direct members by user id, which is the
 * subject of the user's tokens.
 */
public final class KeycloakGroupDirectory implements GroupDirectory {

    private static final int PAGE = 100;

    private final KeycloakDirectorySettings settings;

    public KeycloakGroupDirectory(KeycloakDirectorySettings settings) {
        this.settings = settings;
    }

    @Override
    public String issuer() {
        return settings.issuer();
    }

    @Override
    public Map<String, SortedSet<String>> groupsBySubject() {
        Client http = ClientBuilder.newBuilder()
                .connectTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        try (Keycloak keycloak = KeycloakBuilder.builder().serverUrl(settings.serverUrl().toString())
                .realm(settings.realm()).grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(settings.clientId())
                .clientSecret(settings.clientSecret()).resteasyClient(http).build()) {
            return read(keycloak.realm(settings.realm()).groups());
        } catch (WebApplicationException e) {
            throw unavailable(answered(e), e);
        } catch (ProcessingException e) {
            // A refused token request arrives wrapped: its status says more than the connection's story.
            throw unavailable(cause(e, WebApplicationException.class).map(KeycloakGroupDirectory::answered)
                    .orElseGet(() -> rootMessage(e)), e);
        } finally {
            http.close();
        }
    }

    private static Map<String, SortedSet<String>> read(GroupsResource groups) {
        Map<String, SortedSet<String>> bySubject = new HashMap<>();
        Deque<GroupRepresentation> pending = new ArrayDeque<>(all((first, max) -> groups.groups(null, first, max, true)));
        while (!pending.isEmpty()) {
            GroupRepresentation group = pending.pop();
            GroupResource resource = groups.group(group.getId());
            for (UserRepresentation member : all((first, max) -> resource.members(first, max, true))) {
                bySubject.computeIfAbsent(member.getId(), id -> new TreeSet<>()).add(group.getPath());
            }
            if (group.getSubGroupCount() == null || group.getSubGroupCount() > 0) {
                pending.addAll(all((first, max) -> resource.getSubGroups(first, max, true)));
            }
        }
        return bySubject;
    }

    private static <T> List<T> all(BiFunction<Integer, Integer, List<T>> page) {
        List<T> out = new java.util.ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            List<T> items = page.apply(first, PAGE);
            out.addAll(items);
            if (items.size() < PAGE) {
                return out;
            }
        }
    }

    private GroupDirectoryUnavailableException unavailable(String why, Exception cause) {
        return new GroupDirectoryUnavailableException("cannot read the groups of Keycloak realm '" + settings.realm()
                + "' at " + settings.serverUrl() + " as client '" + settings.clientId() + "': " + why, cause);
    }

    private static String answered(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return "Keycloak answered HTTP " + status + hint(status);
    }

    private static <T extends Throwable> java.util.Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return java.util.Optional.of(type.cast(c));
            }
        }
        return java.util.Optional.empty();
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> " (the client id or secret is wrong, or the client has no service account)";
            case 403 -> " (the service account needs the realm-management roles view-users, query-users and query-groups)";
            case 404 -> " (no such realm)";
            default -> "";
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
