package dev.chronoscale.domain.policy;

import dev.chronoscale.domain.net.IpPrefix;

/** One entry of a policy's src, dst, owner or target list, as written. */
public sealed interface Alias {

    /** {@code *}: every node address and every approved subnet route. */
    record Wildcard() implements Alias {
        @Override
        public String toString() {
            return "*";
        }
    }

    /** A user by login name or email, e.g. {@code alice@example.com}. */
    record User(String login) implements Alias {
        @Override
        public String toString() {
            return login;
        }
    }

    /** {@code user:*@domain}: every user whose login is in the domain. */
    record UsersOfDomain(String domain) implements Alias {
        @Override
        public String toString() {
            return "user:*@" + domain;
        }
    }

    record Group(String name) implements Alias {
        @Override
        public String toString() {
            return name;
        }
    }

    record Tag(String name) implements Alias {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A name from the policy's {@code hosts} section. */
    record Host(String name) implements Alias {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A name from the policy's {@code ipsets} section, written {@code ipset:name}. */
    record IpSetRef(String name) implements Alias {
        @Override
        public String toString() {
            return "ipset:" + name;
        }
    }

    record Prefix(IpPrefix prefix) implements Alias {
        @Override
        public String toString() {
            return prefix.isSingleAddress() ? prefix.address().toString() : prefix.toString();
        }
    }

    record AutogroupRef(Autogroup autogroup) implements Alias {
        @Override
        public String toString() {
            return autogroup.aliasText();
        }
    }
}
