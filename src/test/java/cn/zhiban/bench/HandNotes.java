package cn.zhiban.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reports are rewritten by their command; what staff write below this marker survives the rewrite. */
final class HandNotes {
    static final String MARKER = "<!-- written by hand below; kept by the command -->";

    private HandNotes() {
    }

    /** The notes below the marker in {@code report} as it is now (empty if none). */
    static String of(Path report) throws IOException {
        String previous = Files.exists(report) ? Files.readString(report) : "";
        int at = previous.indexOf(MARKER);
        return at < 0 ? "" : previous.substring(at + MARKER.length()).strip();
    }

    /** Appends the marker and the notes read before the report was rewritten. */
    static void append(StringBuilder report, String notes) {
        report.append(MARKER).append("\n");
        if (!notes.isEmpty()) {
            report.append("\n").append(notes).append("\n");
        }
    }
}
