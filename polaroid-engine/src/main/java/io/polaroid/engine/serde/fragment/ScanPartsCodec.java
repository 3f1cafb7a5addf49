package io.polaroid.engine.serde.fragment;

import com.google.protobuf.ByteString;
import io.polaroid.engine.dsl.StorageOptions;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.csv.CsvMorsel;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.io.ipc.IpcData;
import io.polaroid.engine.io.ipc.IpcMorsel;
import io.polaroid.engine.io.parquet.ParquetMorsel;
import io.polaroid.engine.serde.PlanCodec;
import io.polaroid.engine.serde.PlanPath;
import io.polaroid.engine.types.Schema;
import io.polaroid.proto.v1.CsvFilePart;
import io.polaroid.proto.v1.FileRef;
import io.polaroid.proto.v1.IpcPart;
import io.polaroid.proto.v1.ParquetRowGroup;
import io.polaroid.proto.v1.ScanPart;
import io.polaroid.proto.v1.ScanParts;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * What one task of a stage reads of one scan: the morsels the coordinator assigned to it, each as
 * the file, row group or byte ranges it covers, with the footer a Parquet row group needs. A worker
 * turns them back into morsels without listing or reading a footer.
 */
public final class ScanPartsCodec {
    private ScanPartsCodec() {
    }

    public static ScanParts encode(List<Morsel> morsels) {
        ScanParts.Builder b = ScanParts.newBuilder();
        for (Morsel m : morsels) {
            if (m instanceof ParquetMorsel p) {
                b.putAllStorageOptions(p.files().options().values());
                ParquetRowGroup.Builder group = ParquetRowGroup.newBuilder().setFile(file(p.status()))
                        .setRowGroup(p.label()).setFooter(ByteString.copyFrom(p.cutFooter()));
                if (p.isSlice()) {
                    group.setFirstRow(p.firstRow()).setRowCount(p.rows());
                }
                b.addParts(ScanPart.newBuilder().setParquet(group));
            } else if (m instanceof CsvMorsel c) {
                b.putAllStorageOptions(c.files().options().values());
                b.addParts(ScanPart.newBuilder().setCsv(CsvFilePart.newBuilder()
                        .setFile(file(c.path(), c.display(), c.length(), 0)).setOptions(PlanCodec.encode(c.options()))));
            } else if (m instanceof IpcMorsel i) {
                IpcPart.Builder part = IpcPart.newBuilder().setName(i.name()).setRows(i.rows());
                if (i.data() instanceof IpcData.FileData f) {
                    b.putAllStorageOptions(f.files().options().values());
                    part.setFile(file(f.path(), f.display(), f.length(), 0));
                    long[] ranges = i.ranges();
                    for (int r = 0; r + 1 < ranges.length; r += 2) {
                        part.addRanges(IpcPart.Range.newBuilder().setStart(ranges[r]).setEnd(ranges[r + 1]));
                    }
                } else {
                    ByteString messages = inPlanMessages(((IpcData.InPlan) i.data()).bytes(), i.ranges());
                    part.setBytes(messages).addRanges(IpcPart.Range.newBuilder().setStart(0).setEnd(messages.size()));
                }
                b.addParts(ScanPart.newBuilder().setIpc(part));
            } else {
                throw PolaroidException.internal("a morsel of " + m.describe() + " cannot be sent to a worker");
            }
        }
        return b.build();
    }

    /** The morsels of {@code parts}, of a source whose columns are {@code schema}, read through {@code engineFiles}. */
    public static List<Morsel> decode(ScanParts parts, Schema schema, FileSystems engineFiles, PlanPath where) {
        FileSystems files = engineFiles.forScan(new StorageOptions(parts.getStorageOptionsMap()));
        // A worker reads only what its own data roots allow, whatever the coordinator sent.
        java.util.function.Function<FileRef, Path> allowed = f -> {
            Path path = path(f, where);
            files.check(f.getDisplay(), path);
            return path;
        };
        List<Morsel> out = new ArrayList<>(parts.getPartsCount());
        for (ScanPart p : parts.getPartsList()) {
            switch (p.getPartCase()) {
                case PARQUET -> {
                    ParquetRowGroup g = p.getParquet();
                    FileRef f = g.getFile();
                    FileStatus status = new FileStatus(f.getLength(), false, 1, 0, f.getModified(), allowed.apply(f));
                    ParquetMorsel group = ParquetMorsel.ofCutFooter(status, g.getFooter().toByteArray(),
                            g.getRowGroup(), schema, files);
                    out.add(g.getRowCount() == 0 ? group : slice(group, g.getFirstRow(), g.getRowCount(), where));
                }
                case CSV -> {
                    FileRef f = p.getCsv().getFile();
                    out.add(CsvMorsel.of(allowed.apply(f), f.getDisplay(), f.getLength(), schema,
                            PlanCodec.decode(p.getCsv().getOptions(), where.then(".csv")), files));
                }
                case IPC -> {
                    IpcPart i = p.getIpc();
                    IpcData data = i.hasFile()
                            ? new IpcData.FileData(allowed.apply(i.getFile()), i.getFile().getDisplay(), i.getFile().getLength(), files)
                            : new IpcData.InPlan(i.getBytes().toByteArray());
                    long[] ranges = new long[i.getRangesCount() * 2];
                    for (int r = 0; r < i.getRangesCount(); r++) {
                        ranges[2 * r] = i.getRanges(r).getStart();
                        ranges[2 * r + 1] = i.getRanges(r).getEnd();
                    }
                    out.add(IpcMorsel.of(i.getName(), data, ranges, schema, i.getRows()));
                }
                case PART_NOT_SET -> throw ResolvedExprCodec.malformed(where, "a scan part of no kind");
            }
        }
        return out;
    }

    /** Rows {@code [from, from + count)} of {@code group}; a malformed plan when it has no such rows. */
    private static ParquetMorsel slice(ParquetMorsel group, long from, long count, PlanPath where) {
        if (from < 0 || count < 0 || from > group.rows() || count > group.rows() - from) {
            throw ResolvedExprCodec.malformed(where, "rows " + from + " to " + (from + count) + " of " + group.describe()
                    + ", which has " + group.rows());
        }
        return group.slice(from, count);
    }

    private static Path path(FileRef f, PlanPath where) {
        try {
            return new Path(new java.net.URI(f.getPath()));
        } catch (java.net.URISyntaxException e) {
            throw ResolvedExprCodec.malformed(where, "a file that is no URI: " + f.getPath());
        }
    }

    /** Only the messages a morsel of an in-memory table reads, as one stream: not the whole table per morsel. */
    private static ByteString inPlanMessages(byte[] bytes, long[] ranges) {
        ByteString.Output out = ByteString.newOutput();
        for (int r = 0; r + 1 < ranges.length; r += 2) {
            out.write(bytes, (int) ranges[r], (int) (ranges[r + 1] - ranges[r]));
        }
        return out.toByteString();
    }

    private static FileRef file(FileStatus status) {
        java.net.URI uri = status.getPath().toUri();
        String display = "file".equals(uri.getScheme()) ? uri.getPath() : status.getPath().toString();
        return file(status.getPath(), display, status.getLen(), status.getModificationTime());
    }

    private static FileRef file(Path path, String display, long length, long modified) {
        return FileRef.newBuilder().setPath(path.toUri().toString()).setDisplay(display).setLength(length).setModified(modified).build();
    }
}
