package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.policy.Alias;
import dev.chronoscale.domain.policy.Autogroup;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a node belongs to an alias that names nodes by who or what they are (users, groups, tags,
 * autogroup:member, autogroup:tagged, the role autogroups), as opposed to aliases that name addresses. Agrees with
 * {@link AliasResolver}: tagged nodes belong to their tags, never to a user.
 */
final class AliasMembership {

    private AliasMembership() {
    }

    static boolean isByAttributes(Alias alias) {
        return switch (alias) {
            case Alias.User u -> true;
            case Alias.UsersOfDomain d -> true;
            case Alias.Group g -> true;
            case Alias.Tag t -> true;
            case Alias.AutogroupRef ref -> ref.autogroup() == Autogroup.MEMBER || ref.autogroup() == Autogroup.TAGGED
                    || ref.autogroup().isRole();
            default -> false;
        };
    }

    static boolean belongs(Alias alias, TailnetNode node, Policy policy, Map<Long, TailnetUser> users) {
        Optional<TailnetUser> owner = node.owner().map(users::get);
        return switch (alias) {
            case Alias.User user -> owner.map(u -> u.isNamedBy(user.login())).orElse(false);
            case Alias.UsersOfDomain domain -> owner.map(u -> u.domain().equalsIgnoreCase(domain.domain())).orElse(false);
            case Alias.Group group -> owner.map(u -> u.isInPolicyGroup(policy, group.name())).orElse(false);
            case Alias.Tag tag -> node.tags().contains(tag.name());
            case Alias.AutogroupRef ref when ref.autogroup() == Autogroup.MEMBER -> !node.isTagged() && node.userId().isPresent();
            case Alias.AutogroupRef ref when ref.autogroup() == Autogroup.TAGGED -> node.isTagged();
            case Alias.AutogroupRef ref when ref.autogroup().isRole() -> !node.isTagged() && owner.map(u -> u.isIn(ref.autogroup())).orElse(false);
            default -> false;
        };
    }
}
