package io.polaroid;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.Scalars;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a frame the way Polars does: its shape, then a box with the column names and dtypes
 * and, past {@link #MAX_ROWS} rows, the first and last five rows around a "…" row. Strings are
 * quoted; long cells are cut with "…".
 */
final class TablePrinter {
    static final int MAX_ROWS = 10;
    private static final int MAX_CELL = 32;

    private TablePrinter() {
    }

    /** Cell text of a value (engine representation). */
    static String cell(Object value, DataType type) {
        if (value == null) {
            return "null";
        }
        String s = text(value, type);
        return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
    }

    /** As Polars prints a value: strings quoted, lists as {@code [1, null, 3]} of their values so printed. */
    private static String text(Object value, DataType type) {
        if (value == null) {
            return "null";
        }
        if (type.isList()) {
            StringBuilder sb = new StringBuilder("[");
            List<?> values = (List<?>) value;
            for (int i = 0; i < values.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(text(values.get(i), type.element()));
            }
            return sb.append(']').toString();
        }
        if (type.isStruct()) {
            // as Polars: {1,"x"}, the field values in order
            StringBuilder sb = new StringBuilder("{");
            List<?> values = (List<?>) value;
            for (int i = 0; i < values.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(text(values.get(i), type.fields().get(i).type()));
            }
            return sb.append('}').toString();
        }
        return type.kind() == TypeKind.UTF8 ? "\"" + value + "\"" : Scalars.format(value, type);
    }

    interface Cells {
        /** Engine value at (row, column). */
        Object value(long row, int column);
    }

    static String print(Schema schema, long height, Cells cells) {
        int width = schema.size();
        List<Long> shown = new ArrayList<>();
        boolean cut = height > MAX_ROWS;
        if (cut) {
            for (long r = 0; r < MAX_ROWS / 2; r++) {
                shown.add(r);
            }
            for (long r = height - MAX_ROWS / 2; r < height; r++) {
                shown.add(r);
            }
        } else {
            for (long r = 0; r < height; r++) {
                shown.add(r);
            }
        }
        List<String[]> body = new ArrayList<>();
        for (long r : shown) {
            String[] row = new String[width];
            for (int c = 0; c < width; c++) {
                row[c] = cell(cells.value(r, c), schema.field(c).type());
            }
            body.add(row);
        }
        int[] widths = new int[width];
        for (int c = 0; c < width; c++) {
            Field f = schema.field(c);
            widths[c] = Math.max(3, Math.max(f.name().length(), f.type().toString().length()));
            for (String[] row : body) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("shape: (").append(height).append(", ").append(width).append(")\n");
        line(sb, widths, '┌', '┬', '┐', '─');
        row(sb, widths, schema.names().toArray(String[]::new));
        String[] dashes = new String[width];
        String[] types = new String[width];
        for (int c = 0; c < width; c++) {
            dashes[c] = "---";
            types[c] = schema.field(c).type().toString();
        }
        row(sb, widths, dashes);
        row(sb, widths, types);
        line(sb, widths, '╞', '╪', '╡', '═');
        for (int i = 0; i < body.size(); i++) {
            if (cut && i == MAX_ROWS / 2) {
                String[] dots = new String[width];
                java.util.Arrays.fill(dots, "…");
                row(sb, widths, dots);
            }
            row(sb, widths, body.get(i));
        }
        line(sb, widths, '└', '┴', '┘', '─');
        return sb.toString();
    }

    private static void line(StringBuilder sb, int[] widths, char left, char mid, char right, char fill) {
        sb.append(left);
        for (int c = 0; c < widths.length; c++) {
            sb.append(String.valueOf(fill).repeat(widths[c] + 2)).append(c == widths.length - 1 ? right : mid);
        }
        if (widths.length == 0) {
            sb.append(right);
        }
        sb.append('\n');
    }

    private static void row(StringBuilder sb, int[] widths, String[] cells) {
        sb.append('│');
        for (int c = 0; c < widths.length; c++) {
            sb.append(' ').append(cells[c]).append(" ".repeat(widths[c] - cells[c].length())).append(' ')
                    .append(c == widths.length - 1 ? '│' : '┆');
        }
        if (widths.length == 0) {
            sb.append('│');
        }
        sb.append('\n');
    }
}
