package dev.chronoscale.domain;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Tailscale ACL tags ("tag:name"): validated, de-duplicated and sorted so equal sets compare equal. */
public final class Tags {

    private static final Pattern TAG = Pattern.compile("tag:[A-Za-z0-9][A-Za-z0-9_-]*");

    private Tags() {
    }

    public static List<String> normalize(Collection<String> tags) {
        TreeSet<String> result = new TreeSet<>();
        for (String tag : tags) {
            String t = tag == null ? "" : tag.trim();
            if (!TAG.matcher(t).matches()) {
                throw DomainException.invalid("tag '" + tag
                        + "' is invalid: tags look like tag:name (letters, digits, - and _ after 'tag:')");
            }
            result.add(t);
        }
        return List.copyOf(result);
    }
}
