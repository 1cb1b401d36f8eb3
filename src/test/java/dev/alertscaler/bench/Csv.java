package dev.alertscaler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A benchmark CSV: a fixed header, rows of numbers or plain words (no commas, no quotes). */
final class Csv {

    final List<String> header;
    final List<Map<String, String>> rows = new ArrayList<>();

    Csv(String... header) {
        this.header = List.of(header);
    }

    Csv row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(header.size() + " cells expected, got " + Arrays.toString(cells));
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            row.put(header.get(i), cells[i] instanceof Double d ? Stats.cell(d) : String.valueOf(cells[i]));
        }
        rows.add(row);
        return this;
    }

    void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
        for (Map<String, String> row : rows) {
            out.append(String.join(",", row.values())).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
    }

    static Csv read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Csv csv = new Csv(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            csv.row((Object[]) line.split(",", -1));
        }
        return csv;
    }

    double number(int row, String column) {
        String v = rows.get(row).get(column);
        return v == null || v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }
}
