package io.polaroid.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.EveryTypeTable;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TimeUnit;
import java.nio.file.Path;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parquet schemas as other writers produce them, read as Polaroid schemas. */
class ParquetSchemasTest {
    @TempDir
    Path dir;

    @Test
    void readsLegacyAndForeignAnnotations() {
        MessageType parquet = MessageTypeParser.parseMessageType("""
                message spark_schema {
                  required boolean flag;
                  optional int32 tiny (INT_8);
                  optional int32 small (INTEGER(16,true));
                  optional int32 plain;
                  optional int64 big (INTEGER(64,true));
                  optional int32 u8 (UINT_8);
                  optional int32 u16 (INTEGER(16,false));
                  optional int32 u32 (UINT_32);
                  optional float f;
                  optional double d;
                  optional binary utf8 (UTF8);
                  optional binary str (STRING);
                  optional binary e (ENUM);
                  optional binary j (JSON);
                  optional binary raw;
                  optional int32 day (DATE);
                  optional int64 ms (TIMESTAMP_MILLIS);
                  optional int64 us (TIMESTAMP(MICROS,false));
                  optional int64 ns (TIMESTAMP(NANOS,true));
                  optional int96 impala;
                  optional int32 d32 (DECIMAL(9,2));
                  optional int64 d64 (DECIMAL(18,4));
                  optional fixed_len_byte_array(16) d128 (DECIMAL(38,10));
                  optional fixed_len_byte_array(5) d5 (DECIMAL(11,0));
                  optional binary dbin (DECIMAL(25,3));
                }""");

        assertThat(ParquetSchemas.toPolaroid(parquet)).isEqualTo(Schema.of(
                new Field("flag", DataType.BOOL, false), Field.of("tiny", DataType.INT8), Field.of("small", DataType.INT16),
                Field.of("plain", DataType.INT32), Field.of("big", DataType.INT64), Field.of("u8", DataType.INT16),
                Field.of("u16", DataType.INT32), Field.of("u32", DataType.INT64), Field.of("f", DataType.FLOAT32),
                Field.of("d", DataType.FLOAT64), Field.of("utf8", DataType.UTF8), Field.of("str", DataType.UTF8),
                Field.of("e", DataType.UTF8), Field.of("j", DataType.UTF8), Field.of("raw", DataType.BINARY),
                Field.of("day", DataType.DATE32), Field.of("ms", DataType.timestamp(TimeUnit.MILLISECOND, "UTC")),
                Field.of("us", DataType.timestamp(TimeUnit.MICROSECOND, null)),
                Field.of("ns", DataType.timestamp(TimeUnit.NANOSECOND, "UTC")),
                Field.of("impala", DataType.timestamp(TimeUnit.NANOSECOND, null)),
                Field.of("d32", DataType.decimal(9, 2)), Field.of("d64", DataType.decimal(18, 4)),
                Field.of("d128", DataType.decimal(38, 10)), Field.of("d5", DataType.decimal(11, 0)),
                Field.of("dbin", DataType.decimal(25, 3))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "optional int32 t (TIME(MILLIS,true)); | has the Parquet type",
            "optional int64 t (INTEGER(64,false)); | unsigned 64-bit",
            "optional fixed_len_byte_array(16) t (UUID); | has the Parquet type",
            "optional binary t (BSON); | has the Parquet type",
            "optional fixed_len_byte_array(39) t (DECIMAL(90,2)); | precision 90",
            "repeated int32 t; | repeated",
            "optional group t (LIST) { repeated group list { optional int32 element; } } | nested Parquet group (LIST)",
            "optional group t { optional int32 x; } | nested Parquet group",
    })
    void otherTypesAreNotSupportedAndNameTheColumn(String column, String problem) {
        MessageType parquet = MessageTypeParser.parseMessageType("message m { optional int32 fine; " + column + " }");

        assertThatThrownBy(() -> ParquetSchemas.toPolaroid(parquet))
                .isInstanceOfSatisfying(PolaroidException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED))
                .hasMessageContaining("column 't'").hasMessageContaining(problem);
    }

    /** As Polars: bytes without a string annotation are Binary, and Binary is written as plain BINARY. */
    @Test
    void binaryIsBinaryWithoutALogicalTypeBothWays() {
        Schema schema = Schema.of(Field.of("raw", DataType.BINARY), new Field("text", DataType.UTF8, false));
        MessageType parquet = ParquetSchemas.toParquet(schema);

        assertThat(parquet.getType("raw").getLogicalTypeAnnotation()).isNull();
        assertThat(parquet.getType("raw").asPrimitiveType().getPrimitiveTypeName().name()).isEqualTo("BINARY");
        assertThat(parquet.getType("text").getLogicalTypeAnnotation()).isNotNull();
        assertThat(ParquetSchemas.toPolaroid(parquet)).isEqualTo(schema);
    }

    @Test
    void everyTypeButIntervalsRoundTrips() {
        Schema schema = EveryTypeTable.schemaWithout("iv");

        assertThat(ParquetSchemas.toPolaroid(ParquetSchemas.toParquet(schema))).isEqualTo(schema);
    }

    /** DuckDB is the other writer: the types it writes must read as the types it means. */
    @Test
    void readsTheTypesDuckDbWrites() throws Exception {
        String path = dir.resolve("duck.parquet").toString();
        DuckDb.execute("COPY (SELECT true AS b, 1::TINYINT AS i8, 2::SMALLINT AS i16, 3::INTEGER AS i32, 4::BIGINT AS i64,"
                + " 5::UTINYINT AS u8, 6::USMALLINT AS u16, 7::UINTEGER AS u32, 1.5::FLOAT AS f32, 2.5::DOUBLE AS f64,"
                + " 'x' AS s, DATE '2024-01-01' AS d, TIMESTAMP '2024-01-01 10:00:00' AS ts,"
                + " '2024-01-01 10:00:00'::TIMESTAMP_NS AS ns, '2024-01-01 10:00:00+00'::TIMESTAMPTZ AS tz,"
                + " 1.5::DECIMAL(4,1) AS d4, 1.5::DECIMAL(15,2) AS d15, 1.5::DECIMAL(30,5) AS d30)"
                + " TO '" + path + "' (FORMAT PARQUET)");

        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(path), new io.polaroid.engine.io.fs.FileSystems(Map.of()).conf()))) {
            Schema schema = ParquetSchemas.toPolaroid(reader.getFileMetaData().getSchema());

            assertThat(schema.types()).containsExactly(DataType.BOOL, DataType.INT8, DataType.INT16, DataType.INT32,
                    DataType.INT64, DataType.INT16, DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.FLOAT64,
                    DataType.UTF8, DataType.DATE32, DataType.timestamp(TimeUnit.MICROSECOND, null),
                    DataType.timestamp(TimeUnit.NANOSECOND, null), DataType.timestamp(TimeUnit.MICROSECOND, "UTC"),
                    DataType.decimal(4, 1), DataType.decimal(15, 2), DataType.decimal(30, 5));
        }
    }
}
