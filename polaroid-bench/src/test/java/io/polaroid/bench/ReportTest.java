package io.polaroid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** make bench's ratios: against each peer, and against whichever peer was faster on each query. */
class ReportTest {
    private static final List<Report.Row> ROWS = List.of(
            new Report.Row(1, 2.0, 1.0, 0.5), // Polars fastest: 4
            new Report.Row(2, 1.0, 0.5, 2.0), // DuckDB fastest: 2
            new Report.Row(3, 3.0, 1.0, Double.NaN)); // no Polars: against DuckDB, 3

    @Test
    void theFastestPeerIsChosenPerQuery() {
        assertThat(ROWS.get(0).fastestRatio()).isEqualTo(4.0);
        assertThat(ROWS.get(1).fastestRatio()).isEqualTo(2.0);
        assertThat(ROWS.get(2).fastestRatio()).isEqualTo(3.0);
    }

    @Test
    void geomeansSkipQueriesAPeerDidNotRun() {
        assertThat(Report.geomean(ROWS)).isCloseTo(Math.cbrt(2 * 2 * 3), within(1e-12));
        assertThat(Report.geomean(ROWS, Report.Row::polarsRatio)).isCloseTo(Math.sqrt(4 * 0.5), within(1e-12));
        assertThat(Report.geomean(ROWS, Report.Row::fastestRatio)).isCloseTo(Math.cbrt(4 * 2 * 3), within(1e-12));
    }

    @Test
    void theTableEndsWithTheGeomeans() {
        String table = Report.table(ROWS, true);
        assertThat(table).contains("polaroid/fastest");
        assertThat(table.lines().reduce((a, b) -> b).orElseThrow())
                .startsWith("geomean").endsWith(String.format(java.util.Locale.ROOT, "%.2f", Math.cbrt(24)));
    }
}
