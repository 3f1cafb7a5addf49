package io.polaroid.engine.io.ipc;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.fs.FileSystems;
import java.nio.channels.SeekableByteChannel;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.apache.hadoop.fs.Path;

/** Where the bytes of IPC morsels are: a file, or bytes a plan carried. */
public sealed interface IpcData permits IpcData.FileData, IpcData.InPlan {
    SeekableByteChannel open();

    /** What a failure reading them means to the user (see {@link IpcErrors}). */
    PolaroidException error(Throwable failure);

    /** A file of an IPC scan. */
    record FileData(Path path, String display, long length, FileSystems files) implements IpcData {
        FileData(IpcFile file, FileSystems files) {
            this(file.path(), file.display(), file.length(), files);
        }

        private IpcFile file() {
            return new IpcFile(path, display, length);
        }

        @Override
        public SeekableByteChannel open() {
            return file().open(files);
        }

        @Override
        public PolaroidException error(Throwable failure) {
            return file().error(failure);
        }
    }

    /** An in-memory table: an Arrow IPC stream held in the plan. */
    record InPlan(byte[] bytes) implements IpcData {
        @Override
        public SeekableByteChannel open() {
            return new ByteArrayReadableSeekableByteChannel(bytes);
        }

        @Override
        public PolaroidException error(Throwable failure) {
            return MemorySource.invalid(failure);
        }
    }
}
