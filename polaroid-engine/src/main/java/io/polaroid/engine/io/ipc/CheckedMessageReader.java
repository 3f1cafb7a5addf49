package io.polaroid.engine.io.ipc;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.ipc.message.MessageResult;

/**
 * Arrow's message reader, except that each message is checked ({@link IpcMessages#next}) before
 * Arrow reads it: corrupt bytes then fail before anything is allocated, rather than leave Arrow
 * with a buffer it never frees.
 */
final class CheckedMessageReader extends MessageChannelReader {
    private final RangesChannel channel;
    private boolean first = true;
    private org.apache.arrow.vector.types.pojo.Schema schema;

    CheckedMessageReader(RangesChannel channel, BufferAllocator allocator) {
        super(new ReadChannel(channel), allocator);
        this.channel = channel;
    }

    @Override
    public MessageResult readNext() throws IOException {
        IpcMessages.Header header = IpcMessages.next(channel::peek, channel.remainingInRange(), first, schema);
        if (first && header != null) {
            schema = org.apache.arrow.vector.ipc.message.MessageSerializer.deserializeSchema(header.message());
        }
        first = false;
        return super.readNext();
    }
}
