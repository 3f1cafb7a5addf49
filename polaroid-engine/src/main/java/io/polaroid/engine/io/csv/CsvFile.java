package io.polaroid.engine.io.csv;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.fs.FileSystems;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.Path;

/**
 * One file of a CSV source. {@code display} is how messages name it: the path as the user wrote
 * it when they named the file itself, else the path found by listing a folder or a glob.
 */
record CsvFile(Path path, String display, long length) {

    CsvTokenizer openTokenizer(FileSystems files, char delimiter, char quote) {
        InputStream in = open(files);
        try {
            return new CsvTokenizer(in, delimiter, quote);
        } catch (IOException e) {
            closeQuietly(in, e);
            throw ioError(e);
        } catch (RuntimeException | Error e) {
            closeQuietly(in, e);
            throw e;
        }
    }

    private InputStream open(FileSystems files) {
        try {
            return files.fileSystem(path).open(path);
        } catch (FileNotFoundException e) {
            throw new PolaroidException(ErrorCode.FILE_NOT_FOUND,
                    "no file matches '" + display + "' (it was there when the query was planned)", e);
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    PolaroidException ioError(IOException e) {
        return new PolaroidException(ErrorCode.IO_ERROR, "cannot read " + display + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(InputStream in, Throwable failure) {
        try {
            in.close();
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    @Override
    public String toString() {
        return display;
    }
}
