package dev.chronoscale.admin.login.oidc;

import dev.chronoscale.admin.login.VerifiedLogin;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.UniquenessRegistry;
import dev.chronoscale.domain.uniqueness.ValueTakenException;
import dev.chronoscale.domain.user.ProfilePictures;
import dev.chronoscale.domain.user.UserCommands.ChangeUserProfile;
import dev.chronoscale.domain.user.UserCommands.CreateProviderUser;
import dev.chronoscale.domain.user.UserNames;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.inventory.InventoryQueries;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The user a verified person is: the one that holds their provider identifier, else a new one — named by
 * {@code preferred_username} when it is a valid user name, else by the e-mail (Headscale takes only the first).
 * A later login brings the display name, e-mail and picture up to date. A user of the same name that no provider
 * created is not taken over: the login is refused until an administrator renames or deletes it (Headscale 0.26
 * keeps both, as two users of one name; names here are unique).
 */
final class ProviderUsers {

    private static final String USER_OWNER_PREFIX = "user:";

    private final UniquenessRegistry claims;
    private final InventoryQueries inventory;
    private final IdSequence ids;
    private final AuditedCommandSender commands;
    private final LoginRules rules;

    ProviderUsers(UniquenessRegistry claims, InventoryQueries inventory, IdSequence ids, AuditedCommandSender commands,
                  LoginRules rules) {
        this.claims = claims;
        this.inventory = inventory;
        this.ids = ids;
        this.commands = commands;
        this.rules = rules;
    }

    /** The user id of {@code login}'s person, created or brought up to date. */
    long matchOrCreate(VerifiedLogin login, AuditContext by) {
        String email = rules.trustedEmail(login).orElse(null);
        String displayName = login.name().filter(name -> !name.isBlank()).orElse(null);
        String picture = picture(login);
        Optional<Long> known = known(login.subject());
        if (known.isPresent()) {
            commands.send(new ChangeUserProfile(known.get(), displayName, email, picture), by, "user " + known.get());
            return known.get();
        }
        String name = Stream.of(login.preferredUsername(), Optional.ofNullable(email))
                .flatMap(Optional::stream).filter(ProviderUsers::isValidName).findFirst()
                .orElseThrow(() -> new LoginRefusal("no_user_name", 403, "The identity provider gave neither a "
                        + "preferred_username nor an e-mail that can be a user name here."));
        if (inventory.userByName(name).isPresent()) {
            throw new LoginRefusal("name_taken", 409, "A user named '" + name + "' already exists on this server and "
                    + "was not created by this identity provider. An administrator must rename or delete it before you "
                    + "can log in.");
        }
        long userId = ids.next(IdSequence.Kind.USER);
        try {
            commands.send(new CreateProviderUser(userId, name, displayName, email, login.subject(), picture), by, "user " + userId);
            return userId;
        } catch (ValueTakenException taken) {
            // Another instance created the person's user a moment ago, or someone took the name meanwhile.
            return known(login.subject()).orElseThrow(() -> new LoginRefusal("name_taken", 409, "A user named '" + name
                    + "' already exists on this server and was not created by this identity provider."));
        }
    }

    /** The user a provider identifier belongs to, if that person logged in before. */
    Optional<Long> known(String subject) {
        return claims.owner(ClaimKind.USER_PROVIDER_IDENTIFIER, subject)
                .filter(owner -> owner.startsWith(USER_OWNER_PREFIX))
                .map(owner -> Long.parseLong(owner.substring(owner.indexOf(':') + 1)));
    }

    private static boolean isValidName(String name) {
        try {
            UserNames.validate(name);
            return true;
        } catch (DomainException e) {
            return false;
        }
    }

    /** A picture URL the user may carry; one the rule refuses is left out rather than refusing the login. */
    private static String picture(VerifiedLogin login) {
        try {
            return login.picture().map(ProfilePictures::validate).orElse(null);
        } catch (DomainException e) {
            return null;
        }
    }
}
