package io.polaroid.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The benchmark's table, CSV and SVG chart. */
final class Report {
    /** One query's median times in seconds; polars is NaN when it did not run. */
    record Row(int query, double polaroid, double duckdb, double polars) {
        double ratio() {
            return polaroid / duckdb;
        }

        /** Polaroid's time over Polars' (NaN when Polars did not run). */
        double polarsRatio() {
            return polaroid / polars;
        }

        /** Polaroid's time over the faster of DuckDB and Polars. */
        double fastestRatio() {
            return polaroid / (Double.isNaN(polars) ? duckdb : Math.min(duckdb, polars));
        }
    }

    private Report() {
    }

    static double geomean(List<Row> rows) {
        return geomean(rows, Row::ratio);
    }

    /** The geometric mean of a ratio over the rows where it is known (NaN when it is known for none). */
    static double geomean(List<Row> rows, ToDoubleFunction<Row> ratio) {
        double logSum = 0;
        int n = 0;
        for (Row r : rows) {
            double v = ratio.applyAsDouble(r);
            if (!Double.isNaN(v)) {
                logSum += Math.log(v);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(logSum / n);
    }

    static String table(List<Row> rows, boolean withPolars) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-6s %12s %12s %8s%s %16s%n", "query", "polaroid s", "duckdb s", "ratio",
                withPolars ? String.format(Locale.ROOT, " %12s %14s", "polars s", "polaroid/polars") : "", "polaroid/fastest"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "Q%-5d %12.3f %12.3f %8.2f", r.query(), r.polaroid(), r.duckdb(), r.ratio()));
            if (withPolars) {
                sb.append(Double.isNaN(r.polars()) ? String.format(Locale.ROOT, " %12s %14s", "-", "-")
                        : String.format(Locale.ROOT, " %12.3f %14.2f", r.polars(), r.polarsRatio()));
            }
            sb.append(String.format(Locale.ROOT, " %16.2f%n", r.fastestRatio()));
        }
        sb.append(String.format(Locale.ROOT, "%-6s %12s %12s %8.2f", "geomean", "", "", geomean(rows)));
        if (withPolars) {
            sb.append(String.format(Locale.ROOT, " %12s %14.2f", "", geomean(rows, Row::polarsRatio)));
        }
        sb.append(String.format(Locale.ROOT, " %16.2f%n", geomean(rows, Row::fastestRatio)));
        return sb.toString();
    }

    static void csv(List<Row> rows, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("query,polaroid_s,duckdb_s,polars_s,ratio_polaroid_duckdb,ratio_polaroid_fastest\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "q%d,%.4f,%.4f,%s,%.3f,%.3f%n", r.query(), r.polaroid(), r.duckdb(),
                    Double.isNaN(r.polars()) ? "" : String.format(Locale.ROOT, "%.4f", r.polars()), r.ratio(), r.fastestRatio()));
        }
        Files.writeString(file, sb.toString());
    }

    /** A grouped bar chart of per-query times (log scale), one colour per engine. */
    static void svg(List<Row> rows, String title, Path file) throws IOException {
        int width = 60 + rows.size() * 46;
        int height = 360;
        int plotTop = 40;
        int plotBottom = 300;
        double max = 0;
        double min = Double.MAX_VALUE;
        for (Row r : rows) {
            for (double v : new double[] {r.polaroid(), r.duckdb(), r.polars()}) {
                if (!Double.isNaN(v) && v > 0) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        double logMin = Math.floor(Math.log10(min));
        double logMax = Math.ceil(Math.log10(max));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
                + "font-family='sans-serif' font-size='11'>%n", width, height));
        sb.append("<rect width='100%' height='100%' fill='white'/>\n");
        sb.append(String.format(Locale.ROOT, "<text x='10' y='20' font-size='14'>%s</text>%n", title));
        for (double e = logMin; e <= logMax; e++) {
            double y = plotBottom - (e - logMin) / (logMax - logMin) * (plotBottom - plotTop);
            sb.append(String.format(Locale.ROOT, "<line x1='50' x2='%d' y1='%.1f' y2='%.1f' stroke='#ddd'/>"
                    + "<text x='5' y='%.1f'>%ss</text>%n", width - 10, y, y, y + 4, fmt(Math.pow(10, e))));
        }
        String[] colours = {"#1f77b4", "#ff7f0e", "#2ca02c"};
        String[] names = {"Polaroid", "DuckDB", "Polars"};
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double[] values = {r.polaroid(), r.duckdb(), r.polars()};
            for (int k = 0; k < 3; k++) {
                if (Double.isNaN(values[k]) || values[k] <= 0) {
                    continue;
                }
                double y = plotBottom - (Math.log10(values[k]) - logMin) / (logMax - logMin) * (plotBottom - plotTop);
                double x = 55 + i * 46 + k * 13;
                sb.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='12' height='%.1f' fill='%s'>"
                        + "<title>Q%d %s %.3f s</title></rect>%n", x, y, plotBottom - y, colours[k], r.query(), names[k], values[k]));
            }
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d'>Q%d</text>%n", 58 + i * 46, plotBottom + 15, r.query()));
        }
        for (int k = 0; k < 3; k++) {
            sb.append(String.format(Locale.ROOT, "<rect x='%d' y='330' width='12' height='12' fill='%s'/><text x='%d' y='340'>%s</text>%n",
                    60 + k * 110, colours[k], 76 + k * 110, names[k]));
        }
        sb.append("</svg>\n");
        Files.writeString(file, sb.toString());
    }

    private static String fmt(double v) {
        return v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
    }
}
