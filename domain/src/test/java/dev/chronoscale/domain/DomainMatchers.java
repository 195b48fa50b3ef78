package dev.chronoscale.domain;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers for {@code expectException(...)} in aggregate fixtures. */
public final class DomainMatchers {

    private DomainMatchers() {
    }

    /** A {@link DomainException} (or subclass) of the given kind whose message contains {@code text}. */
    public static Matcher<Throwable> domainException(DomainException.Kind kind, String text) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable t) {
                return t instanceof DomainException d && d.kind() == kind
                        && d.getMessage() != null && d.getMessage().contains(text);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainException of kind " + kind + " with a message containing '" + text + "'");
            }

            @Override
            protected void describeMismatchSafely(Throwable t, Description description) {
                description.appendText("was ").appendValue(t);
                if (t instanceof DomainException d) {
                    description.appendText(" of kind " + d.kind());
                }
            }
        };
    }

    public static Matcher<Throwable> domainException(DomainException.Kind kind) {
        return domainException(kind, "");
    }
}
