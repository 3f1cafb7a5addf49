package io.polaroid.server.coordinator.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.polaroid.engine.error.PolaroidException;
import java.util.List;

/** Protobuf messages as the HTTP API's JSON: the gRPC API's field names in lowerCamelCase, every field present. */
final class ApiJson {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().alwaysPrintFieldsWithNoPresence()
            .omittingInsignificantWhitespace();

    private ApiJson() {
    }

    static String of(MessageOrBuilder message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw PolaroidException.internal("cannot print " + message.getClass().getSimpleName() + " as JSON: " + e.getMessage());
        }
    }

    /** {@code {"<key>": [<each message>]}}. */
    static String list(String key, List<? extends MessageOrBuilder> messages) {
        StringBuilder sb = new StringBuilder("{\"").append(key).append("\":[");
        for (int i = 0; i < messages.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(of(messages.get(i)));
        }
        return sb.append("]}").toString();
    }
}
