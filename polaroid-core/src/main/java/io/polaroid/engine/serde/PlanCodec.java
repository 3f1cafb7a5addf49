package io.polaroid.engine.serde;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.PlanningStack;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.dsl.StorageOptions;
import io.polaroid.engine.dsl.UniqueKeep;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.Field;
import io.polaroid.proto.v1.Aggregate;
import io.polaroid.proto.v1.Drop;
import io.polaroid.proto.v1.Filter;
import io.polaroid.proto.v1.InMemory;
import io.polaroid.proto.v1.Join;
import io.polaroid.proto.v1.Plan;
import io.polaroid.proto.v1.Relation;
import io.polaroid.proto.v1.Rename;
import io.polaroid.proto.v1.Scan;
import io.polaroid.proto.v1.Select;
import io.polaroid.proto.v1.Slice;
import io.polaroid.proto.v1.Sort;
import io.polaroid.proto.v1.Union;
import io.polaroid.proto.v1.Unique;
import io.polaroid.proto.v1.WithColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * Unresolved plans to and from {@code polaroid.v1.Plan}. Decoding checks the structure and reports
 * where it broke as a path from the root ({@code root.filter.input.scan: ...}) in an INVALID_PLAN error.
 */
public final class PlanCodec {
    private PlanCodec() {
    }

    /** Encodes on a planning thread ({@link PlanningStack}): a deep plan recurses deeply. */
    public static Plan encodePlan(PlanNode root) {
        return PlanningStack.call("encoding the plan", () -> Plan.newBuilder().setRoot(encode(root)).build());
    }

    /** Decodes on a planning thread ({@link PlanningStack}): a deep plan recurses deeply. */
    public static PlanNode decodePlan(Plan plan) {
        if (!plan.hasRoot()) {
            throw PolaroidException.invalidPlan("plan has no root relation");
        }
        return PlanningStack.call("decoding the plan", () -> decode(plan.getRoot(), PlanPath.of("root")));
    }

    /** Parses with {@link PlanShape#DEFAULT_MAX_DEPTH} as the nesting limit, then decodes. */
    public static PlanNode decodePlan(byte[] bytes) {
        return decodePlan(PlanShape.parse(bytes, PlanShape.DEFAULT_MAX_DEPTH, Long.MAX_VALUE));
    }

    public static Relation encode(PlanNode node) {
        Relation.Builder b = Relation.newBuilder();
        if (node instanceof PlanNode.Scan s) {
            Scan.Builder scan = Scan.newBuilder().setFormat(Scan.Format.valueOf(s.format().name())).addAllPaths(s.paths());
            if (s.format() == ScanFormat.CSV && !s.csv().equals(CsvOptions.DEFAULT)) {
                scan.setCsv(encode(s.csv()));
            }
            scan.putAllStorageOptions(s.storageOptions().values());
            b.setScan(scan);
        } else if (node instanceof PlanNode.InMemory m) {
            b.setInMemory(InMemory.newBuilder().setArrowIpc(ByteString.copyFrom(m.arrowIpc())));
        } else if (node instanceof PlanNode.Filter f) {
            b.setFilter(Filter.newBuilder().setInput(encode(f.input())).setPredicate(ExprCodec.encode(f.predicate())));
        } else if (node instanceof PlanNode.Select s) {
            b.setSelect(Select.newBuilder().setInput(encode(s.input())).addAllExprs(encodeAll(s.exprs())));
        } else if (node instanceof PlanNode.WithColumns w) {
            b.setWithColumns(WithColumns.newBuilder().setInput(encode(w.input())).addAllExprs(encodeAll(w.exprs())));
        } else if (node instanceof PlanNode.Aggregate a) {
            b.setAggregate(Aggregate.newBuilder().setInput(encode(a.input())).addAllKeys(encodeAll(a.keys()))
                    .addAllAggs(encodeAll(a.aggs())).setMaintainOrder(a.maintainOrder()));
        } else if (node instanceof PlanNode.Join j) {
            Join.Builder join = Join.newBuilder().setLeft(encode(j.left())).setRight(encode(j.right()))
                    .addAllLeftOn(encodeAll(j.leftOn())).addAllRightOn(encodeAll(j.rightOn()))
                    .setHow(Join.How.valueOf(j.how().name()));
            if (!PlanNode.Join.DEFAULT_SUFFIX.equals(j.suffix())) {
                join.setSuffix(j.suffix());
            }
            b.setJoin(join);
        } else if (node instanceof PlanNode.Sort s) {
            Sort.Builder sort = Sort.newBuilder().setInput(encode(s.input())).setMaintainOrder(s.maintainOrder());
            for (SortKey key : s.keys()) {
                sort.addKeys(ExprCodec.encode(key));
            }
            b.setSort(sort);
        } else if (node instanceof PlanNode.Slice s) {
            Slice.Builder slice = Slice.newBuilder().setInput(encode(s.input())).setOffset(s.offset());
            if (s.length() != null) {
                slice.setLength(s.length());
            }
            b.setSlice(slice);
        } else if (node instanceof PlanNode.Unique u) {
            b.setUnique(Unique.newBuilder().setInput(encode(u.input())).addAllSubset(u.subset())
                    .setKeep(Unique.Keep.valueOf(u.keep().name())).setMaintainOrder(u.maintainOrder()));
        } else if (node instanceof PlanNode.Union u) {
            Union.Builder union = Union.newBuilder();
            for (PlanNode input : u.inputs()) {
                union.addInputs(encode(input));
            }
            b.setUnion(union);
        } else if (node instanceof PlanNode.Rename r) {
            Rename.Builder rename = Rename.newBuilder().setInput(encode(r.input()));
            for (PlanNode.Renaming c : r.columns()) {
                rename.addColumns(Rename.Column.newBuilder().setFrom(c.from()).setTo(c.to()));
            }
            b.setRename(rename);
        } else if (node instanceof PlanNode.Drop d) {
            b.setDrop(Drop.newBuilder().setInput(encode(d.input())).addAllColumns(d.columns()));
        } else if (node instanceof PlanNode.Explode e) {
            io.polaroid.proto.v1.Explode.Builder explode = io.polaroid.proto.v1.Explode.newBuilder()
                    .setInput(encode(e.input())).addAllColumns(e.columns()).setEmptyAsNull(e.emptyAsNull());
            if (!e.keepNulls()) {
                explode.setKeepNulls(false);
            }
            b.setExplode(explode);
        } else if (node instanceof PlanNode.Sql q) {
            io.polaroid.proto.v1.SqlQuery.Builder sql = io.polaroid.proto.v1.SqlQuery.newBuilder().setQuery(q.query());
            q.tables().forEach((name, table) -> sql.putTables(name, encode(table)));
            for (Expr p : q.parameters()) {
                sql.addParameters(ExprCodec.encode(p).getLiteral());
            }
            b.setSql(sql);
        } else {
            throw PolaroidException.internal("unknown plan node " + node);
        }
        return b.build();
    }

    private static List<io.polaroid.proto.v1.Expr> encodeAll(List<Expr> exprs) {
        List<io.polaroid.proto.v1.Expr> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            out.add(ExprCodec.encode(e));
        }
        return out;
    }

    public static io.polaroid.proto.v1.CsvOptions encode(CsvOptions o) {
        CsvOptions d = CsvOptions.DEFAULT;
        io.polaroid.proto.v1.CsvOptions.Builder b = io.polaroid.proto.v1.CsvOptions.newBuilder();
        if (o.hasHeader() != d.hasHeader()) {
            b.setHasHeader(o.hasHeader());
        }
        if (o.delimiter() != d.delimiter()) {
            b.setDelimiter(String.valueOf(o.delimiter()));
        }
        if (o.quote() != d.quote()) {
            b.setQuote(String.valueOf(o.quote()));
        }
        b.addAllNullValues(o.nullValues());
        if (o.inferSchemaLength() != d.inferSchemaLength()) {
            b.setInferSchemaLength(o.inferSchemaLength());
        }
        for (Field f : o.schemaOverrides()) {
            b.addSchemaOverrides(TypeCodec.encode(f));
        }
        b.setIgnoreErrors(o.ignoreErrors());
        b.setTryParseDates(o.tryParseDates());
        return b.build();
    }

    public static CsvOptions decode(io.polaroid.proto.v1.CsvOptions p, PlanPath where) {
        List<Field> overrides = new ArrayList<>();
        for (io.polaroid.proto.v1.Field f : p.getSchemaOverridesList()) {
            overrides.add(TypeCodec.decode(f, where.then(".schema_overrides")));
        }
        if (p.hasInferSchemaLength() && p.getInferSchemaLength() < 0) {
            throw PolaroidException.invalidPlan(where + ".infer_schema_length: must be >= 0");
        }
        return new CsvOptions(
                !p.hasHasHeader() || p.getHasHeader(),
                singleChar(p.getDelimiter(), ',', where.then(".delimiter")),
                singleChar(p.getQuote(), '"', where.then(".quote")),
                p.getNullValuesList(),
                p.hasInferSchemaLength() ? p.getInferSchemaLength() : CsvOptions.DEFAULT_INFER_LENGTH,
                overrides,
                p.getIgnoreErrors(),
                p.getTryParseDates());
    }

    private static char singleChar(String s, char dflt, PlanPath where) {
        if (s.isEmpty()) {
            return dflt;
        }
        if (s.length() != 1) {
            throw PolaroidException.invalidPlan(where + ": must be a single character, got '" + s + "'");
        }
        return s.charAt(0);
    }

    public static PlanNode decode(Relation proto, PlanPath where) {
        switch (proto.getKindCase()) {
            case SCAN: {
                Scan s = proto.getScan();
                PlanPath at = where.then(".scan");
                if (!s.getTable().isEmpty()) {
                    throw PolaroidException.invalidPlan(at + ": table '" + s.getTable() + "' is a name in a server's catalog"
                            + " (polaroid.catalog." + s.getTable() + "); only a Polaroid server resolves it, local mode scans paths");
                }
                if (s.getFormat() == Scan.Format.FORMAT_UNSPECIFIED || s.getFormat() == Scan.Format.UNRECOGNIZED) {
                    throw PolaroidException.invalidPlan(at + ": scan has no format (PARQUET, CSV or IPC)");
                }
                if (s.getPathsCount() == 0) {
                    throw PolaroidException.invalidPlan(at + ": scan has no paths");
                }
                CsvOptions csv = s.hasCsv() ? decode(s.getCsv(), at.then(".csv")) : CsvOptions.DEFAULT;
                StorageOptions storage = new StorageOptions(s.getStorageOptionsMap());
                storage.check(s.getPathsList());
                return new PlanNode.Scan(ScanFormat.valueOf(s.getFormat().name()), s.getPathsList(), csv, storage);
            }
            case IN_MEMORY:
                return new PlanNode.InMemory(proto.getInMemory().getArrowIpc().toByteArray());
            case FILTER: {
                Filter f = proto.getFilter();
                PlanPath at = where.then(".filter");
                if (!f.hasPredicate()) {
                    throw PolaroidException.invalidPlan(at + ": filter has no predicate");
                }
                return new PlanNode.Filter(input(f.hasInput(), f.getInput(), at), ExprCodec.decode(f.getPredicate(), at.then(".predicate")));
            }
            case SELECT: {
                Select s = proto.getSelect();
                PlanPath at = where.then(".select");
                return new PlanNode.Select(input(s.hasInput(), s.getInput(), at), decodeAll(s.getExprsList(), at.then(".exprs")));
            }
            case WITH_COLUMNS: {
                WithColumns w = proto.getWithColumns();
                PlanPath at = where.then(".with_columns");
                return new PlanNode.WithColumns(input(w.hasInput(), w.getInput(), at), decodeAll(w.getExprsList(), at.then(".exprs")));
            }
            case AGGREGATE: {
                Aggregate a = proto.getAggregate();
                PlanPath at = where.then(".aggregate");
                return new PlanNode.Aggregate(input(a.hasInput(), a.getInput(), at), decodeAll(a.getKeysList(), at.then(".keys")),
                        decodeAll(a.getAggsList(), at.then(".aggs")), a.getMaintainOrder());
            }
            case JOIN: {
                Join j = proto.getJoin();
                PlanPath at = where.then(".join");
                if (j.getHow() == Join.How.HOW_UNSPECIFIED || j.getHow() == Join.How.UNRECOGNIZED) {
                    throw PolaroidException.invalidPlan(at + ": join has no 'how'");
                }
                if (!j.hasLeft() || !j.hasRight()) {
                    throw PolaroidException.invalidPlan(at + ": join needs both a left and a right input");
                }
                return new PlanNode.Join(decode(j.getLeft(), at.then(".left")), decode(j.getRight(), at.then(".right")),
                        decodeAll(j.getLeftOnList(), at.then(".left_on")), decodeAll(j.getRightOnList(), at.then(".right_on")),
                        JoinType.valueOf(j.getHow().name()), j.getSuffix());
            }
            case SORT: {
                Sort s = proto.getSort();
                PlanPath at = where.then(".sort");
                List<SortKey> keys = new ArrayList<>();
                for (int i = 0; i < s.getKeysCount(); i++) {
                    keys.add(ExprCodec.decode(s.getKeys(i), at.then(".keys[" + i + "]")));
                }
                return new PlanNode.Sort(input(s.hasInput(), s.getInput(), at), keys, s.getMaintainOrder());
            }
            case SLICE: {
                Slice s = proto.getSlice();
                PlanPath at = where.then(".slice");
                if (s.getOffset() < 0 || (s.hasLength() && s.getLength() < 0)) {
                    throw PolaroidException.invalidPlan(at + ": offset and length must be >= 0");
                }
                return new PlanNode.Slice(input(s.hasInput(), s.getInput(), at), s.getOffset(), s.hasLength() ? s.getLength() : null);
            }
            case UNIQUE: {
                Unique u = proto.getUnique();
                PlanPath at = where.then(".unique");
                UniqueKeep keep = switch (u.getKeep()) {
                    case KEEP_UNSPECIFIED, ANY -> UniqueKeep.ANY;
                    case FIRST -> UniqueKeep.FIRST;
                    case LAST -> UniqueKeep.LAST;
                    case NONE -> UniqueKeep.NONE;
                    default -> throw PolaroidException.invalidPlan(at + ": unknown keep value");
                };
                return new PlanNode.Unique(input(u.hasInput(), u.getInput(), at), u.getSubsetList(), keep, u.getMaintainOrder());
            }
            case UNION: {
                Union u = proto.getUnion();
                PlanPath at = where.then(".union");
                if (u.getInputsCount() == 0) {
                    throw PolaroidException.invalidPlan(at + ": union has no inputs");
                }
                List<PlanNode> inputs = new ArrayList<>();
                for (int i = 0; i < u.getInputsCount(); i++) {
                    inputs.add(decode(u.getInputs(i), at.then(".inputs[" + i + "]")));
                }
                return new PlanNode.Union(inputs);
            }
            case RENAME: {
                Rename r = proto.getRename();
                PlanPath at = where.then(".rename");
                List<PlanNode.Renaming> columns = new ArrayList<>();
                for (Rename.Column c : r.getColumnsList()) {
                    if (c.getFrom().isEmpty() || c.getTo().isEmpty()) {
                        throw PolaroidException.invalidPlan(at + ": a renaming needs both 'from' and 'to'");
                    }
                    columns.add(new PlanNode.Renaming(c.getFrom(), c.getTo()));
                }
                return new PlanNode.Rename(input(r.hasInput(), r.getInput(), at), columns);
            }
            case DROP: {
                Drop d = proto.getDrop();
                return new PlanNode.Drop(input(d.hasInput(), d.getInput(), where.then(".drop")), d.getColumnsList());
            }
            case EXPLODE: {
                io.polaroid.proto.v1.Explode e = proto.getExplode();
                PlanPath at = where.then(".explode");
                if (e.getColumnsCount() == 0) {
                    throw PolaroidException.invalidPlan(at + ": explode needs at least one column");
                }
                return new PlanNode.Explode(input(e.hasInput(), e.getInput(), at), e.getColumnsList(), e.getEmptyAsNull(),
                        !e.hasKeepNulls() || e.getKeepNulls());
            }
            case SQL: {
                io.polaroid.proto.v1.SqlQuery q = proto.getSql();
                PlanPath at = where.then(".sql");
                if (q.getQuery().isBlank()) {
                    throw PolaroidException.invalidPlan(at + ": the SQL query is empty");
                }
                java.util.Map<String, PlanNode> tables = new java.util.TreeMap<>();
                q.getTablesMap().forEach((name, table) -> tables.put(name, decode(table, at.then(".tables[" + name + "]"))));
                List<Expr> parameters = new ArrayList<>();
                for (int i = 0; i < q.getParametersCount(); i++) {
                    parameters.add(ExprCodec.decode(io.polaroid.proto.v1.Expr.newBuilder().setLiteral(q.getParameters(i)).build(),
                            at.then(".parameters[" + i + "]")));
                }
                return new PlanNode.Sql(q.getQuery(), tables, parameters);
            }
            case EXTENSION:
                throw PolaroidException.invalidPlan(where + ": unknown relation extension '" + proto.getExtension().getName() + "'");
            default:
                throw PolaroidException.invalidPlan(where + ": relation has no kind");
        }
    }

    private static PlanNode input(boolean present, Relation input, PlanPath where) {
        if (!present) {
            throw PolaroidException.invalidPlan(where + ": missing input relation");
        }
        return decode(input, where.then(".input"));
    }

    private static List<Expr> decodeAll(List<io.polaroid.proto.v1.Expr> exprs, PlanPath where) {
        List<Expr> out = new ArrayList<>(exprs.size());
        for (int i = 0; i < exprs.size(); i++) {
            out.add(ExprCodec.decode(exprs.get(i), where.then("[" + i + "]")));
        }
        return out;
    }
}
