package dev.chronoscale.history;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff in the unified format ({@code diff -u}, three lines of context), from a longest common subsequence of
 * lines. Policies are short enough for the quadratic table; past {@link #MAX_LINES} a side is compared whole.
 */
public final class UnifiedDiff {

    static final int MAX_LINES = 4000;
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff from {@code before} to {@code after}; empty when they are the same text. */
    public static String of(String before, String after, String beforeName, String afterName) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Edit> edits = a.size() > MAX_LINES || b.size() > MAX_LINES ? replaceAll(a, b) : edits(a, b);
        StringBuilder out = new StringBuilder("--- " + beforeName + "\n+++ " + afterName + "\n");
        List<Integer> changed = new ArrayList<>();
        for (int k = 0; k < edits.size(); k++) {
            if (edits.get(k).op != ' ') {
                changed.add(k);
            }
        }
        int first = 0;
        while (first < changed.size()) {
            int last = first;
            // Changes separated by at most twice the context share a hunk, as diff -u prints them.
            while (last + 1 < changed.size() && changed.get(last + 1) - changed.get(last) - 1 <= 2 * CONTEXT) {
                last++;
            }
            int start = Math.max(0, changed.get(first) - CONTEXT);
            int end = Math.min(edits.size(), changed.get(last) + 1 + CONTEXT);
            hunk(out, edits.subList(start, end));
            first = last + 1;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Edit> edits) {
        int oldStart = edits.get(0).oldLine;
        int newStart = edits.get(0).newLine;
        int oldCount = (int) edits.stream().filter(e -> e.op != '+').count();
        int newCount = (int) edits.stream().filter(e -> e.op != '-').count();
        out.append("@@ -").append(oldCount == 0 ? oldStart : oldStart + 1).append(',').append(oldCount)
                .append(" +").append(newCount == 0 ? newStart : newStart + 1).append(',').append(newCount).append(" @@\n");
        edits.forEach(e -> out.append(e.op).append(e.text).append('\n'));
    }

    private record Edit(char op, String text, int oldLine, int newLine) {
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Edit> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add(new Edit(' ', a.get(i), i, j));
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
                out.add(new Edit('+', b.get(j), i, j));
                j++;
            } else {
                out.add(new Edit('-', a.get(i), i, j));
                i++;
            }
        }
        return out;
    }

    private static List<Edit> replaceAll(List<String> a, List<String> b) {
        List<Edit> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(new Edit('-', a.get(i), i, 0));
        }
        for (int j = 0; j < b.size(); j++) {
            out.add(new Edit('+', b.get(j), a.size(), j));
        }
        return out;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
