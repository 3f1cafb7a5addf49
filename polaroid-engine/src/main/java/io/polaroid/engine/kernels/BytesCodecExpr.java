package io.polaroid.engine.kernels;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.Bytes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Hex and base64, as Polars' {@code bin.encode}/{@code str.encode} (bytes to text: lower-case hex,
 * padded standard base64) and {@code bin.decode}/{@code str.decode} (text bytes to binary). Bytes
 * that do not decode fail the query naming the encoding, or are null when not {@code strict}.
 */
public record BytesCodecExpr(PhysicalExpr input, boolean encode, boolean hex, boolean strict) implements PhysicalExpr {
    @Override
    public DataType type() {
        return encode ? DataType.UTF8 : DataType.BINARY;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (FieldVector in = input.eval(batch, allocator)) {
            long estimate = (encode ? 2L : 1L) * Vectors.dataBytes(in) + 16;
            return Utf8Writer.mapRows(in, type(), n, estimate, allocator, (data, start, len, row, out) -> {
                byte[] value = new byte[len];
                data.getBytes(start, value);
                byte[] result = encode ? encode(value) : decode(value);
                if (result == null) {
                    out.appendNull();
                } else {
                    out.append(result);
                }
            });
        }
    }

    private byte[] encode(byte[] value) {
        String text = hex ? Bytes.of(value).toHex() : Base64.getEncoder().encodeToString(value);
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The decoded bytes; null (not strict) or an error (strict) when they do not decode. */
    private byte[] decode(byte[] value) {
        try {
            String text = new String(value, StandardCharsets.ISO_8859_1);
            if (hex) {
                return Bytes.fromHex(text).toArray();
            }
            if (text.length() % 4 != 0) { // Polars' standard base64 wants the padding
                throw new IllegalArgumentException("unpadded base64");
            }
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            if (strict) {
                throw new PolaroidException(ErrorCode.INVALID_VALUE, "invalid `" + (hex ? "hex" : "base64")
                        + "` encoding found in " + input + "; try setting `strict=false` to ignore");
            }
            return null;
        }
    }

    @Override
    public String toString() {
        return (encode ? "encode(" : "decode(") + input + ", " + (hex ? "hex" : "base64") + ")";
    }
}
