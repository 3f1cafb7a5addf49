package io.polaroid.engine.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How CSV text becomes rows: delimiters, quotes, line ends, nulls, projection, files and batches. */
class CsvParsingTest extends CsvTestBase {

    @Test
    void readsSemicolonAndTabSeparatedFiles() throws Exception {
        CsvSource semicolons = source(file("semi.csv", "a;b\n1,5;x\n"), CsvOptions.DEFAULT.withDelimiter(';'));
        CsvSource tabs = source(file("tabs.tsv", "a\tb\n1\tx y\n"), CsvOptions.DEFAULT.withDelimiter('\t'));

        assertThat(readAll(semicolons)).containsExactly(row("1,5", "x"));
        assertThat(readAll(tabs)).containsExactly(row(1L, "x y"));
    }

    @Test
    void quotedFieldsHoldDelimitersLineEndsAndDoubledQuotes() throws Exception {
        String path = file("quotes.csv", "id,text\r\n"
                + "1,\"a,b\"\r\n"
                + "2,\"two\nlines\"\r\n"
                + "3,\"say \"\"hi\"\"\"\r\n"
                + "4,\"\"\r\n"
                + "5,\r\n"
                + "6,\"\"\"\"");

        assertThat(readAll(source(path, CsvOptions.DEFAULT))).containsExactly(
                row(1L, "a,b"), row(2L, "two\nlines"), row(3L, "say \"hi\""), row(4L, ""), row(5L, null), row(6L, "\""));
    }

    @Test
    void anotherQuoteCharacterCanBeChosen() throws Exception {
        String path = file("single.csv", "a,b\n'x,y','it''s'\n");

        assertThat(readAll(source(path, CsvOptions.DEFAULT.withQuote('\'')))).containsExactly(row("x,y", "it's"));
    }

    @Test
    void skipsEmptyLinesAndAByteOrderMarkAndKeepsCountingLines() throws Exception {
        String path = file("bom.csv", "\uFEFFa,b\n\n1,\"x\n\ny\"\n\r\n2,y\n3,zz\n");
        CsvOptions ints = CsvOptions.DEFAULT.withSchemaOverrides(List.of(Field.of("b", DataType.INT64)));

        assertThat(source(path, CsvOptions.DEFAULT).schema().names()).containsExactly("a", "b");
        assertThat(readAll(source(path, CsvOptions.DEFAULT))).containsExactly(row(1L, "x\n\ny"), row(2L, "y"), row(3L, "zz"));
        // Line 1 header, 2 empty, 3-5 the quoted field, 6 empty, 7 "2,y".
        assertFails(() -> readAll(source(path, ints)), ErrorCode.INVALID_DATA)
                .hasMessage(path + ":3: column 'b': cannot parse 'x\n\ny' as i64");
    }

    @Test
    void nullValuesAreNullUnlessQuotedAndAQuotedEmptyFieldIsNullOnlyOutsideText() throws Exception {
        String path = file("nulls.csv", "n,s\nNA,NA\n1,\"NA\"\n\"\",\"\"\n-,\n");
        CsvSource source = source(path, CsvOptions.DEFAULT.withNullValues(List.of("NA", "-")));

        assertThat(source.schema().types()).containsExactly(DataType.INT64, DataType.UTF8);
        assertThat(readAll(source)).containsExactly(row(null, null), row(1L, "NA"), row(null, ""), row(null, null));
    }

    @Test
    void keepsMultiByteTextAsIs() throws Exception {
        String path = file("utf8.csv", "name,city\nJosé,Zürich\n北京,\"東京, 日本\"\n");

        assertThat(readAll(source(path, CsvOptions.DEFAULT)))
                .containsExactly(row("José", "Zürich"), row("北京", "東京, 日本"));
    }

    @Test
    void readsOnlyTheRequestedColumnsInTheRequestedOrder() throws Exception {
        String path = file("abc.csv", "a,b,c\n1,\"x,\"\"y\",2.5\n2,z,\n");
        CsvSource source = source(path, CsvOptions.DEFAULT);
        List<List<String>> schemas = new ArrayList<>();
        forEachBatch(source, List.of("c", "a"), 10, batch -> schemas.add(batch.schema().names()));

        assertThat(schemas).containsExactly(List.of("c", "a"));
        assertThat(read(source, List.of("c", "a"), 10)).containsExactly(row(2.5, 1L), row(null, 2L));
        assertThat(read(source, List.of(), 10)).containsExactly(row(), row());
    }

    @Test
    void aFolderIsReadFileByFileInPathOrderSkippingOtherFiles() throws Exception {
        file("parts/b.csv", "x,y\n3,c\n");
        file("parts/a.csv", "x,y\n1,a\n2,b\n");
        file("parts/c.tsv", "x,y\n4,d\n");
        file("parts/notes.md", "not, csv\n");
        CsvSource source = source(dir.resolve("parts").toString(), CsvOptions.DEFAULT);

        assertThat(source.morsels(List.of("x"), List.of())).hasSize(3);
        assertThat(readAll(source)).containsExactly(row(1L, "a"), row(2L, "b"), row(3L, "c"), row(4L, "d"));
    }

    @Test
    void aGlobAndAListOfPathsAreReadInOrder() throws Exception {
        String one = file("g/one.csv", "x\n1\n");
        String two = file("g/two.csv", "x\n2\n");
        file("g/three.txt", "x\n3\n");

        assertThat(readAll(source(dir.resolve("g/*.csv").toString(), CsvOptions.DEFAULT))).containsExactly(row(1L), row(2L));
        assertThat(readAll(new CsvSource(List.of(two, one), CsvOptions.DEFAULT, files))).containsExactly(row(2L), row(1L));
    }

    @Test
    void aLaterFileWithOtherColumnsIsAnError() throws Exception {
        file("h/a.csv", "x,y\n1,2\n");
        String other = file("h/b.csv", "x,z\n3,4\n");

        assertFails(() -> readAll(source(dir.resolve("h").toString(), CsvOptions.DEFAULT)), ErrorCode.INVALID_DATA)
                .hasMessageStartingWith(other + ":1: the header [x, z] differs");
    }

    @Test
    void batchesHoldAtMostBatchRowsAndAreNumberedFromZero() throws Exception {
        StringBuilder text = new StringBuilder("n,s\n");
        for (int i = 0; i < 7; i++) {
            text.append(i).append(",s").append(i).append('\n');
        }
        CsvSource source = source(file("seven.csv", text.toString()), CsvOptions.DEFAULT);
        List<Integer> sizes = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        forEachBatch(source, List.of("s", "n"), 3, batch -> {
            sizes.add(batch.rowCount());
            seqs.add(batch.seq());
        });

        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(seqs).containsExactly(0L, 1L, 2L);
        assertThat(read(source, List.of("n"), 3)).extracting(r -> r.get(0)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aFileOfOnlyAHeaderHasNoRows() throws Exception {
        CsvSource source = source(file("header.csv", "a,b\n"), CsvOptions.DEFAULT);

        assertThat(source.schema().types()).containsExactly(DataType.UTF8, DataType.UTF8);
        assertThat(readAll(source)).isEmpty();
    }

    @Test
    void longTextGrowsTheStringBuffer() throws Exception {
        String longText = "é".repeat(50_000);
        String path = file("long.csv", "s\n" + longText + "\nb\n");

        assertThat(readAll(source(path, CsvOptions.DEFAULT))).containsExactly(row(longText), row("b"));
    }
}
