package io.polaroid.engine.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.types.DataType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DuckDB is the oracle: a generated file with nulls, quotes, delimiters and line ends inside
 * fields must read the same through {@link CsvSource} as through DuckDB's {@code read_csv}.
 */
class CsvDuckDbOracleTest extends CsvTestBase {
    private static final int ROWS = 3_000;
    private static final String[] WORDS = {"apple", "pear, ripe", "say \"hi\"", "two\nlines", "Zürich", "naïve café", "x"};

    @Test
    void readsTheSameValuesAsDuckDb() throws Exception {
        String path = file("oracle.csv", generate(new Random(42)));
        CsvSource source = source(path, CsvOptions.DEFAULT.withTryParseDates(true)); // DuckDB parses dates
        List<List<Object>> ours = read(source, source.schema().names(), 1_000);

        assertThat(source.schema().types()).containsExactly(
                DataType.INT64, DataType.FLOAT64, DataType.UTF8, DataType.BOOL, DataType.DATE32);
        List<List<Object>> theirs = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = duck.createStatement()) {
            String scan = "read_csv('" + path.replace("'", "''") + "')";
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(price), sum(price), sum(id), count(name),"
                    + " count_if(flag), count(flag), min(day), max(day) FROM " + scan)) {
                rs.next();
                assertThat(ours).hasSize(rs.getInt(1));
                assertThat(countNonNull(ours, 1)).isEqualTo(rs.getLong(2));
                assertThat(ours.stream().filter(r -> r.get(1) != null).mapToDouble(r -> (Double) r.get(1)).sum())
                        .isCloseTo(rs.getDouble(3), within(1e-6));
                assertThat(ours.stream().mapToLong(r -> (Long) r.get(0)).sum()).isEqualTo(rs.getLong(4));
                assertThat(countNonNull(ours, 2)).isEqualTo(rs.getLong(5));
                assertThat(ours.stream().filter(r -> Boolean.TRUE.equals(r.get(3))).count()).isEqualTo(rs.getLong(6));
                assertThat(countNonNull(ours, 3)).isEqualTo(rs.getLong(7));
                assertThat(ours.stream().filter(r -> r.get(4) != null).mapToInt(r -> (Integer) r.get(4)).min().orElseThrow())
                        .isEqualTo(rs.getObject(8, LocalDate.class).toEpochDay());
                assertThat(ours.stream().filter(r -> r.get(4) != null).mapToInt(r -> (Integer) r.get(4)).max().orElseThrow())
                        .isEqualTo(rs.getObject(9, LocalDate.class).toEpochDay());
            }
            try (ResultSet rs = st.executeQuery("SELECT id, price, name, flag, day FROM " + scan + " ORDER BY id")) {
                while (rs.next()) {
                    LocalDate day = rs.getObject(5, LocalDate.class);
                    theirs.add(row(rs.getLong(1), rs.getObject(2), rs.getObject(3), rs.getObject(4),
                            day == null ? null : (int) day.toEpochDay()));
                }
            }
        }
        assertThat(ours).isEqualTo(theirs);
    }

    private static long countNonNull(List<List<Object>> rows, int column) {
        return rows.stream().filter(r -> r.get(column) != null).count();
    }

    /** Rows in id order, each column null now and then, text that needs quoting often. */
    private static String generate(Random random) {
        StringBuilder csv = new StringBuilder("id,price,name,flag,day\n");
        LocalDate start = LocalDate.of(1990, 1, 1);
        for (int id = 0; id < ROWS; id++) {
            csv.append(id - 1_000).append(',');
            if (random.nextInt(7) != 0) {
                csv.append(Math.round(random.nextGaussian() * 1e6) / 100.0);
            }
            csv.append(',');
            if (random.nextInt(11) != 0) {
                String name = WORDS[random.nextInt(WORDS.length)] + " " + random.nextInt(100);
                boolean quote = name.contains(",") || name.contains("\"") || name.contains("\n") || random.nextBoolean();
                csv.append(quote ? '"' + name.replace("\"", "\"\"") + '"' : name);
            }
            csv.append(',');
            if (random.nextInt(5) != 0) {
                csv.append(random.nextBoolean() ? "true" : "false");
            }
            csv.append(',');
            if (random.nextInt(9) != 0) {
                csv.append(start.plusDays(random.nextInt(20_000)));
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
