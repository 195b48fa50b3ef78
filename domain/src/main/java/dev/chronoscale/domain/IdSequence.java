package dev.chronoscale.domain;

/** Hands out the numeric ids users and scripts see (user 1, node 7), one counter per kind of thing. */
@FunctionalInterface
public interface IdSequence {

    long next(Kind kind);

    enum Kind {
        USER("user"), NODE("node"), PREAUTH_KEY("preauthkey"), API_KEY("apikey");

        private final String counter;

        Kind(String counter) {
            this.counter = counter;
        }

        public String counter() {
            return counter;
        }
    }
}
