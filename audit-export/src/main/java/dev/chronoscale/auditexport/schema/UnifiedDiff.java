package dev.chronoscale.auditexport.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u} layout, three lines of context) of two texts, line by line, from a
 * longest-common-subsequence alignment. Policies are small; texts beyond {@link #MAX_LINES} lines
 * get a one-line summary instead, so a record never costs more than a bounded amount of work.
 */
public final class UnifiedDiff {

    static final int MAX_LINES = 4000;
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    private record Edit(char kind, String line, int oldLine, int newLine) {
    }

    public static String of(String oldText, String newText, String oldName, String newName) {
        List<String> a = oldText.isEmpty() ? List.of() : List.of(oldText.split("\n", -1));
        List<String> b = newText.isEmpty() ? List.of() : List.of(newText.split("\n", -1));
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            return "--- " + oldName + "\n+++ " + newName + "\n@@ texts of " + a.size() + " and " + b.size()
                    + " lines are too long to diff @@\n";
        }
        List<Edit> edits = align(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).kind() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while changes are separated by at most 2*CONTEXT unchanged lines
            int lastChange = i;
            for (int j = i; j < edits.size(); j++) {
                if (edits.get(j).kind() != ' ') {
                    lastChange = j;
                } else if (j - lastChange > 2 * CONTEXT) {
                    break;
                }
                end = j;
            }
            end = Math.min(edits.size() - 1, lastChange + CONTEXT);
            hunk(edits.subList(start, end + 1), out);
            i = end + 1;
        }
        return out.toString();
    }

    private static void hunk(List<Edit> hunk, StringBuilder out) {
        int oldStart = 0;
        int newStart = 0;
        int oldCount = 0;
        int newCount = 0;
        for (Edit e : hunk) {
            if (e.kind() != '+') {
                if (oldCount == 0) {
                    oldStart = e.oldLine();
                }
                oldCount++;
            }
            if (e.kind() != '-') {
                if (newCount == 0) {
                    newStart = e.newLine();
                }
                newCount++;
            }
        }
        if (oldCount == 0) {
            oldStart = hunk.get(0).oldLine() - 1;
        }
        if (newCount == 0) {
            newStart = hunk.get(0).newLine() - 1;
        }
        out.append("@@ -").append(oldStart).append(',').append(oldCount)
                .append(" +").append(newStart).append(',').append(newCount).append(" @@\n");
        for (Edit e : hunk) {
            out.append(e.kind()).append(e.line()).append('\n');
        }
    }

    private static List<Edit> align(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', a.get(i), i + 1, j + 1));
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit('-', a.get(i), i + 1, j + 1));
                i++;
            } else {
                edits.add(new Edit('+', b.get(j), i + 1, j + 1));
                j++;
            }
        }
        return edits;
    }
}
