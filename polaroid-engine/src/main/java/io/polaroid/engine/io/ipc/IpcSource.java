package io.polaroid.engine.io.ipc;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.io.fs.ListedFile;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Arrow IPC files (Feather v2) as a scan source, in the file format or the stream format, told
 * apart by the magic {@code ARROW1} at the start. Files are never read whole: a file in the file
 * format is one morsel per record batch, found by its footer, and a morsel reads its batch's bytes
 * (with the schema and dictionaries) by positioned reads of the Hadoop file system. A file in the
 * stream format has no footer and is one morsel. The schema comes from the first file; every file
 * must have the same column names and types.
 *
 * <p>Arrow's {@code ArrowFileReader} is not used: a morsel's messages are read as a stream by
 * {@code ArrowStreamReader} after each is checked ({@link IpcMessages}), because Arrow's readers
 * leak the buffer they read when a message is corrupt; the footer is read by {@link IpcLayout}.
 */
public final class IpcSource implements DataSource {
    private static final String[] EXTENSIONS = {".arrow", ".ipc", ".feather"};

    private final List<String> paths;
    private final FileSystems files;
    private final List<IpcFile> ipcFiles;
    private final List<IpcLayout> layouts;
    private final Schema fileSchema;
    private final Statistics statistics;

    public IpcSource(List<String> paths, FileSystems files) {
        if (paths.isEmpty()) {
            throw PolaroidException.invalidPlan("an Arrow IPC scan needs at least one path");
        }
        this.paths = List.copyOf(paths);
        this.files = files;
        this.ipcFiles = expand(this.paths, files);
        this.layouts = new ArrayList<>(ipcFiles.size());
        List<Schema> schemas = new ArrayList<>(ipcFiles.size());
        for (IpcFile file : ipcFiles) {
            IpcLayout layout = layoutOf(file, files);
            layouts.add(layout);
            schemas.add(schemaOf(file, layout));
        }
        this.fileSchema = unify(schemas);
        this.statistics = estimate();
    }

    private static List<IpcFile> expand(List<String> paths, FileSystems files) {
        List<IpcFile> out = new ArrayList<>();
        for (ListedFile file : files.list(paths, EXTENSIONS)) {
            out.add(new IpcFile(file.path(), file.display(), file.length()));
        }
        return out;
    }

    /** Counting a file's rows costs a read per batch: done where that is cheap, for local files. */
    private static IpcLayout layoutOf(IpcFile file, FileSystems files) {
        try (HadoopReadChannel channel = file.open(files)) {
            return IpcLayout.readFile(channel, file.isLocal());
        } catch (IOException | RuntimeException e) {
            throw file.error(e);
        }
    }

    private static Schema schemaOf(IpcFile file, IpcLayout layout) {
        try {
            return IpcSchemas.toPolaroid(layout.schema());
        } catch (PolaroidException e) {
            throw new PolaroidException(e.code(), file + ": " + e.getMessage(), e);
        }
    }

    /** The first file's schema; a column is nullable if it is in any file. */
    private Schema unify(List<Schema> schemas) {
        Schema first = schemas.get(0);
        boolean[] nullable = new boolean[first.size()];
        for (int f = 0; f < schemas.size(); f++) {
            Schema schema = schemas.get(f);
            if (!schema.names().equals(first.names()) || !schema.types().equals(first.types())) {
                throw new PolaroidException(ErrorCode.INVALID_DATA, ipcFiles.get(f) + " has the columns " + schema
                        + ", but " + ipcFiles.get(0) + " has " + first + "; all files of a scan must have the same columns");
            }
            for (int c = 0; c < nullable.length; c++) {
                nullable[c] |= schema.field(c).nullable();
            }
        }
        List<Field> fields = new ArrayList<>(first.size());
        for (int c = 0; c < nullable.length; c++) {
            Field field = first.field(c);
            fields.add(new Field(field.name(), field.type(), nullable[c]));
        }
        return new Schema(fields);
    }

    /** Bytes from the listing; rows from the footers when every file had its rows counted. */
    private Statistics estimate() {
        long bytes = 0;
        long rows = 0;
        for (int f = 0; f < ipcFiles.size(); f++) {
            bytes += ipcFiles.get(f).length();
            long fileRows = layouts.get(f).rows();
            rows = rows < 0 || fileRows < 0 ? -1 : rows + fileRows;
        }
        return new Statistics(rows, bytes);
    }

    @Override
    public Schema schema() {
        return fileSchema;
    }

    @Override
    public String describe() {
        return "ipc " + paths;
    }

    @Override
    public Statistics statistics() {
        return statistics;
    }

    @Override
    public List<Morsel> morsels(List<String> columns, List<BoundExpr> filters) {
        fileSchema.select(columns); // fails now, naming the column, rather than in every morsel
        List<Morsel> morsels = new ArrayList<>();
        for (int f = 0; f < ipcFiles.size(); f++) {
            IpcFile file = ipcFiles.get(f);
            IpcLayout layout = layouts.get(f);
            IpcData data = new IpcData.FileData(file, files);
            if (!layout.indexed()) {
                List<IpcLayout.Range> whole = List.of(new IpcLayout.Range(0, file.length()));
                morsels.add(new IpcMorsel("ipc stream " + file, data, whole, fileSchema, -1));
                continue;
            }
            for (int b = 0; b < layout.blocks().size(); b++) {
                morsels.add(new IpcMorsel("ipc " + file + " batch " + b, data, layout.rangesOf(b), fileSchema,
                        layout.blocks().get(b).rows()));
            }
        }
        return morsels;
    }

    @Override
    public String toString() {
        return describe();
    }
}
