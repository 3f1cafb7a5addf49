package io.polaroid.engine.types;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: malformed bytes (overlong forms, surrogates, truncated sequences) are refused. */
public final class Utf8 {
    private Utf8() {
    }

    /** The text of the remaining bytes, or null if they are not well-formed UTF-8. */
    public static String decodeOrNull(ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
