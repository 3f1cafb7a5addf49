package io.polaroid.engine.analyze;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.ExprFormatter;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.dsl.UniqueKeep;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.AggCall;
import io.polaroid.engine.expr.AggFn;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.functions.FunctionRegistry;
import io.polaroid.engine.functions.TypeCoercion;
import io.polaroid.engine.io.ScanSpec;
import io.polaroid.engine.io.SourceResolver;
import io.polaroid.engine.plan.GroupOrder;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.LimitNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import io.polaroid.engine.plan.LogicalPlan.SortNode;
import io.polaroid.engine.plan.LogicalPlan.UnionNode;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.NamedAgg;
import io.polaroid.engine.plan.SortSpec;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the unresolved plan a user built into the resolved plan the optimizer works on, once:
 * every name bound, every type known. Every mistake in the plan surfaces here as a typed error
 * that names the culprit and what was available.
 */
public final class Analyzer {
    private final SourceResolver sources;

    public Analyzer(SourceResolver sources) {
        this.sources = sources;
    }

    public LogicalPlan analyze(PlanNode node) {
        if (node instanceof PlanNode.Scan s) {
            return ScanNode.of(sources.resolve(new ScanSpec(s.format(), s.paths(), s.csv(), s.storageOptions())));
        }
        if (node instanceof PlanNode.InMemory m) {
            return ScanNode.of(sources.resolve(m.arrowIpc()));
        }
        if (node instanceof PlanNode.Filter f) {
            return filter(analyze(f.input()), f.predicate());
        }
        if (node instanceof PlanNode.Select s) {
            return select(analyze(s.input()), s.exprs());
        }
        if (node instanceof PlanNode.WithColumns w) {
            return withColumns(analyze(w.input()), w.exprs());
        }
        if (node instanceof PlanNode.Aggregate a) {
            return aggregate(analyze(a.input()), a.keys(), a.aggs(), a.maintainOrder());
        }
        if (node instanceof PlanNode.Join j) {
            return join(j);
        }
        if (node instanceof PlanNode.Sort s) {
            return sort(analyze(s.input()), s.keys());
        }
        if (node instanceof PlanNode.Slice s) {
            return new LimitNode(analyze(s.input()), s.offset(), s.length());
        }
        if (node instanceof PlanNode.Unique u) {
            return unique(analyze(u.input()), u);
        }
        if (node instanceof PlanNode.Union u) {
            return union(u);
        }
        if (node instanceof PlanNode.Rename r) {
            return rename(analyze(r.input()), r.columns());
        }
        if (node instanceof PlanNode.Drop d) {
            return drop(analyze(d.input()), d.columns());
        }
        if (node instanceof PlanNode.Explode e) {
            return explode(analyze(e.input()), e);
        }
        throw PolaroidException.internal("unknown plan node " + node);
    }

    private static LogicalPlan filter(LogicalPlan input, Expr predicate) {
        if (BroadcastAggregates.needed(predicate)) {
            BroadcastAggregates.Broadcast withTotals = BroadcastAggregates.of(input, List.of(predicate));
            LogicalPlan filtered = filter(withTotals.plan(), withTotals.resolver().resolve(predicate), predicate);
            List<NamedExpr> columns = new ArrayList<>();
            for (Field f : input.schema().fields()) {
                columns.add(new NamedExpr(f.name(), new BoundExpr.ColumnRef(f.name(), f.type())));
            }
            return project(filtered, columns);
        }
        return filter(input, new ExprResolver(input.schema()).resolve(predicate), predicate);
    }

    private static LogicalPlan filter(LogicalPlan input, BoundExpr p, Expr predicate) {
        if (p.type().kind() == TypeKind.NULL) {
            p = new BoundExpr.Literal(null, DataType.BOOL);
        }
        if (p.type().kind() != TypeKind.BOOL) {
            throw PolaroidException.typeMismatch("a filter must be a bool expression, but " + ExprFormatter.format(predicate)
                    + " is " + p.type());
        }
        return new FilterNode(input, p);
    }

    /** Expands {@code col("*")} into every column of the schema. */
    private static List<Expr> expandWildcards(List<Expr> exprs, Schema schema) {
        List<Expr> out = new ArrayList<>();
        for (Expr e : exprs) {
            if (e instanceof Expr.Column c && c.name().equals("*")) {
                for (String name : schema.names()) {
                    out.add(new Expr.Column(name));
                }
            } else {
                out.add(e);
            }
        }
        return out;
    }

    private static LogicalPlan select(LogicalPlan input, List<Expr> exprs) {
        exprs = expandWildcards(exprs, input.schema());
        if (exprs.isEmpty()) {
            throw PolaroidException.invalidPlan("select() needs at least one expression");
        }
        if (exprs.size() == 1 && OutputNames.unalias(exprs.get(0)) instanceof Expr.Call c
                && c.function().equals(FunctionNames.UNIQUE) && c.args().size() == 1) {
            // select(col("a").unique()): the distinct values, a group-by without aggregations
            return aggregate(input, List.of(new Expr.Alias(c.args().get(0), OutputNames.of(exprs.get(0)))), List.of(), false);
        }
        if (exprs.stream().anyMatch(RowSets::has)) {
            return selectRowSets(input, exprs);
        }
        if (exprs.stream().noneMatch(BroadcastAggregates::isRowWise)) {
            // as Polars: aggregations and constants alone make one row, whatever the input's length
            return aggregate(input, List.of(), exprs, false);
        }
        LogicalPlan base = input;
        ExprResolver resolver = new ExprResolver(input.schema());
        if (exprs.stream().anyMatch(BroadcastAggregates::needed)) {
            BroadcastAggregates.Broadcast withTotals = BroadcastAggregates.of(input, exprs);
            base = withTotals.plan();
            resolver = withTotals.resolver();
        }
        List<NamedExpr> out = new ArrayList<>();
        for (Expr e : exprs) {
            out.add(new NamedExpr(OutputNames.of(e), resolver.resolve(e)));
        }
        return project(base, out);
    }

    /**
     * A select with row-set expressions ({@link RowSets}): their columns are added to the input, then
     * the select's expressions; where they give fewer rows than the input, only the first rows stay.
     */
    private static LogicalPlan selectRowSets(LogicalPlan input, List<Expr> exprs) {
        Set<String> taken = new HashSet<>(input.schema().names());
        RowSets.Lifted lifted = RowSets.lift(exprs, List.of(), taken);
        LogicalPlan plan = input;
        for (Expr step : lifted.steps()) {
            plan = withColumns(plan, List.of(step));
        }
        List<Expr> lengths = lifted.lengths().stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (lengths.isEmpty()) {
            return select(plan, lifted.exprs());
        }
        if (lengths.size() > 1) {
            throw PolaroidException.notSupported("a select of row-set expressions whose lengths may differ: "
                    + exprs.stream().map(ExprFormatter::format).toList());
        }
        List<Expr> columns = new ArrayList<>();
        List<NamedExpr> out = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            Expr e = lifted.exprs().get(i);
            if (lifted.lengths().get(i) == null && BroadcastAggregates.isRowWise(e)) {
                throw PolaroidException.invalidPlan(ExprFormatter.format(exprs.get(i)) + " gives a value per row, but another"
                        + " expression of this select gives fewer rows; as Polars, all must give the same number of rows (or one)");
            }
            String name = "__out" + i;
            while (!taken.add(name)) {
                name = "_" + name;
            }
            columns.add(new Expr.Alias(OutputNames.unalias(e), name));
            out.add(new NamedExpr(OutputNames.of(exprs.get(i)), new BoundExpr.ColumnRef(name, DataType.NULL)));
        }
        String keep = "__keep";
        while (!taken.add(keep)) {
            keep = "_" + keep;
        }
        Expr rowNumber = new Expr.Call(FunctionNames.INT_RANGE, List.of(Expr.Literal.of(0L, DataType.INT64),
                new Expr.Call(FunctionNames.LEN, List.of())));
        columns.add(new Expr.Alias(new Expr.Call(FunctionNames.LT, List.of(rowNumber, lengths.get(0))), keep));
        LogicalPlan all = withColumns(plan, columns);
        LogicalPlan kept = new FilterNode(all, new BoundExpr.ColumnRef(keep, DataType.BOOL));
        List<NamedExpr> typed = new ArrayList<>();
        for (NamedExpr o : out) {
            String from = ((BoundExpr.ColumnRef) o.expr()).name();
            typed.add(new NamedExpr(o.name(), new BoundExpr.ColumnRef(from, kept.schema().field(from).type())));
        }
        return project(kept, typed);
    }

    private static LogicalPlan withColumns(LogicalPlan input, List<Expr> exprs) {
        if (exprs.stream().anyMatch(RowSets::has)) {
            Set<String> taken = new HashSet<>(input.schema().names());
            RowSets.Lifted lifted = RowSets.lift(exprs, List.of(), taken);
            for (int i = 0; i < exprs.size(); i++) {
                if (lifted.lengths().get(i) != null) {
                    throw PolaroidException.invalidPlan(ExprFormatter.format(exprs.get(i)) + " gives fewer rows than the frame"
                            + " has, so it cannot be a column of it; as Polars, use it in select() or an aggregation");
                }
            }
            LogicalPlan plan = input;
            for (Expr step : lifted.steps()) {
                plan = withColumns(plan, List.of(step));
            }
            LogicalPlan added = withColumns(plan, lifted.exprs());
            List<NamedExpr> out = new ArrayList<>();
            Set<String> outputs = new HashSet<>(input.schema().names());
            lifted.exprs().forEach(e -> outputs.add(OutputNames.of(e)));
            for (Field f : added.schema().fields()) {
                if (outputs.contains(f.name())) {
                    out.add(new NamedExpr(f.name(), new BoundExpr.ColumnRef(f.name(), f.type())));
                }
            }
            return project(added, out);
        }
        Schema schema = input.schema();
        LogicalPlan base = input;
        ExprResolver resolver = new ExprResolver(schema);
        if (exprs.stream().anyMatch(BroadcastAggregates::needed)) {
            BroadcastAggregates.Broadcast withTotals = BroadcastAggregates.of(input, exprs);
            base = withTotals.plan();
            resolver = withTotals.resolver();
        }
        Map<String, BoundExpr> columns = new LinkedHashMap<>();
        for (Field f : schema.fields()) {
            columns.put(f.name(), new BoundExpr.ColumnRef(f.name(), f.type()));
        }
        for (Expr e : exprs) {
            columns.put(OutputNames.of(e), resolver.resolve(e));
        }
        List<NamedExpr> out = new ArrayList<>();
        columns.forEach((name, expr) -> out.add(new NamedExpr(name, expr)));
        return project(base, out);
    }

    /** A projection, checking that output names are unique. */
    private static LogicalPlan project(LogicalPlan input, List<NamedExpr> exprs) {
        Set<String> seen = new HashSet<>();
        for (NamedExpr e : exprs) {
            if (!seen.add(e.name())) {
                throw new PolaroidException(ErrorCode.DUPLICATE_COLUMN, "the output would have two columns named '" + e.name()
                        + "'; give one of them another name with alias()");
            }
        }
        ProjectNode p = new ProjectNode(input, exprs);
        return p.isIdentity() ? input : p;
    }

    /**
     * group_by(keys).agg(aggs). Each aggregate call inside {@code aggs} becomes a column of the
     * aggregate node; what is computed around it (e.g. {@code sum(a) / sum(b)}) becomes a
     * projection on top, where only group keys may be referenced outside an aggregate.
     */
    private static LogicalPlan aggregate(LogicalPlan input, List<Expr> keyExprs, List<Expr> aggExprs, boolean maintainOrder) {
        keyExprs = expandWildcards(keyExprs, input.schema());
        if (!keyExprs.isEmpty() && aggExprs.stream().anyMatch(RowSets::has)) {
            RowSets.Lifted lifted = RowSets.lift(aggExprs, keyExprs, new HashSet<>(input.schema().names()));
            for (int i = 0; i < aggExprs.size(); i++) {
                if (lifted.lengths().get(i) != null) {
                    throw PolaroidException.notSupported(ExprFormatter.format(aggExprs.get(i)) + " as a list per group is not"
                            + " supported yet; aggregate it (sum(), first(), len(), ...) or use GroupBy.head()/tail()");
                }
            }
            for (Expr step : lifted.steps()) {
                input = withColumns(input, List.of(step));
            }
            aggExprs = lifted.exprs();
        }
        // As Polars: an order-dependent function in agg() runs over each group's rows in order and
        // gives the group the list of its values. It is computed over the groups' windows first.
        List<Expr> perRow = new ArrayList<>();
        List<Expr> rewritten = new ArrayList<>();
        for (int i = 0; i < aggExprs.size(); i++) {
            Expr e = aggExprs.get(i);
            if (!keyExprs.isEmpty() && BroadcastAggregates.hasWindowFunction(e) && !BroadcastAggregates.hasWindow(e)) {
                String column = "__per_group" + i;
                perRow.add(new Expr.Alias(new Expr.Window(OutputNames.unalias(e), keyExprs), column));
                rewritten.add(new Expr.Alias(new Expr.Column(column), OutputNames.of(e)));
            } else {
                rewritten.add(e);
            }
        }
        if (!perRow.isEmpty()) {
            input = withColumns(input, perRow);
            aggExprs = rewritten;
        }
        Schema in = input.schema();
        ExprResolver inputResolver = new ExprResolver(in);
        List<NamedExpr> keys = new ArrayList<>();
        List<Field> keyFields = new ArrayList<>();
        for (Expr k : keyExprs) {
            if (ExprResolver.hasAggregate(k)) {
                throw PolaroidException.invalidPlan("a group key cannot be an aggregation: " + ExprFormatter.format(k));
            }
            BoundExpr bound = inputResolver.resolve(k);
            NamedExpr named = new NamedExpr(OutputNames.of(k), bound);
            requireFlat(bound.type(), "a group key", named.name());
            keys.add(named);
            keyFields.add(Field.of(named.name(), bound.type()));
        }
        Schema keySchema = new Schema(keyFields);
        List<NamedAgg> aggs = new ArrayList<>();
        List<NamedExpr> post = new ArrayList<>();
        boolean needsProjection = false;
        for (Expr e : aggExprs) {
            if (BroadcastAggregates.hasWindow(e)) {
                throw PolaroidException.invalidPlan("a window (over()) computes each row from the rows around it, so it"
                        + " belongs in select(), with_columns() or filter(), not in an aggregation: " + ExprFormatter.format(e));
            }
            String name = OutputNames.of(e);
            Expr body = OutputNames.unalias(e);
            if (mentionsColumn(body) && !ExprResolver.hasAggregate(body)) {
                // as Polars: an expression of columns that aggregates nothing gives each group the list
                // of its values (one of literals alone stays one value per group)
                body = new Expr.Call(FunctionNames.IMPLODE, List.of(body));
            }
            if (body instanceof Expr.Call call && FunctionNames.AGGREGATES.contains(call.function())) {
                AggCall agg = aggregateCall(call, inputResolver);
                BoundExpr constant = LiteralAggregates.constant(agg);
                if (constant != null) {
                    post.add(new NamedExpr(name, constant));
                    needsProjection = true;
                    continue;
                }
                String column = uniqueName(name, keySchema, aggs);
                aggs.add(new NamedAgg(column, agg));
                post.add(new NamedExpr(name, new BoundExpr.ColumnRef(column, agg.type())));
                needsProjection |= !column.equals(name);
                continue;
            }
            ExprResolver postResolver = new ExprResolver(keySchema, call -> {
                AggCall agg = aggregateCall(call, inputResolver);
                BoundExpr constant = LiteralAggregates.constant(agg);
                if (constant != null) {
                    return constant;
                }
                String column = "__agg" + aggs.size();
                aggs.add(new NamedAgg(column, agg));
                return new BoundExpr.ColumnRef(column, agg.type());
            });
            BoundExpr bound;
            try {
                bound = postResolver.resolve(e);
            } catch (PolaroidException ex) {
                if (ex.code() == ErrorCode.COLUMN_NOT_FOUND && in.contains(firstColumnMissingFrom(e, keySchema))) {
                    throw PolaroidException.notSupported("column '" + firstColumnMissingFrom(e, keySchema) + "' in "
                            + ExprFormatter.format(e) + " is neither a group key nor inside an aggregation such as sum() or first()");
                }
                throw ex;
            }
            post.add(new NamedExpr(name, bound));
            needsProjection = true;
        }
        AggregateNode node = new AggregateNode(input, keys, aggs, maintainOrder ? GroupOrder.FIRST_SEEN : GroupOrder.ANY);
        if (!needsProjection) {
            node.schema();
            return node;
        }
        List<NamedExpr> out = new ArrayList<>();
        for (NamedExpr k : keys) {
            out.add(new NamedExpr(k.name(), new BoundExpr.ColumnRef(k.name(), k.expr().type())));
        }
        out.addAll(post);
        return project(node, out);
    }

    /**
     * Lists and structs are values to carry, make and compute on, but not yet keys: hashing, sorting
     * and comparing them is not written. Refused by name, before an operator meets one.
     */
    static void requireFlat(DataType type, String role, String what) {
        if (type.isNested()) {
            throw PolaroidException.notSupported(what + " is of type " + type + ", which cannot be " + role
                    + " yet: " + (type.isList() ? "lists" : "structs") + " are not hashed or ordered");
        }
    }

    private static boolean mentionsColumn(Expr e) {
        if (e instanceof Expr.Literal) {
            return false;
        }
        if (e instanceof Expr.Alias a) {
            return mentionsColumn(a.expr());
        }
        if (e instanceof Expr.Cast c) {
            return mentionsColumn(c.expr());
        }
        if (e instanceof Expr.Call c) {
            return c.args().stream().anyMatch(Analyzer::mentionsColumn);
        }
        if (e instanceof Expr.When w) {
            return w.branches().stream().anyMatch(b -> mentionsColumn(b.condition()) || mentionsColumn(b.then()))
                    || (w.otherwise() != null && mentionsColumn(w.otherwise()));
        }
        return true; // a column, or a window over columns
    }

    private static String firstColumnMissingFrom(Expr e, Schema schema) {
        if (e instanceof Expr.Column c) {
            return schema.contains(c.name()) ? null : c.name();
        }
        if (e instanceof Expr.Alias a) {
            return firstColumnMissingFrom(a.expr(), schema);
        }
        if (e instanceof Expr.Cast c) {
            return firstColumnMissingFrom(c.expr(), schema);
        }
        if (e instanceof Expr.Call c) {
            if (FunctionNames.AGGREGATES.contains(c.function())) {
                return null;
            }
            for (Expr arg : c.args()) {
                String m = firstColumnMissingFrom(arg, schema);
                if (m != null) {
                    return m;
                }
            }
        }
        if (e instanceof Expr.When w) {
            for (Expr.Branch b : w.branches()) {
                String m = firstColumnMissingFrom(b.condition(), schema);
                m = m != null ? m : firstColumnMissingFrom(b.then(), schema);
                if (m != null) {
                    return m;
                }
            }
            return w.otherwise() == null ? null : firstColumnMissingFrom(w.otherwise(), schema);
        }
        return null;
    }

    private static String uniqueName(String name, Schema keys, List<NamedAgg> aggs) {
        boolean taken = keys.contains(name) || aggs.stream().anyMatch(a -> a.name().equals(name));
        return taken ? "__agg" + aggs.size() : name;
    }

    static AggCall aggregateCall(Expr.Call call, ExprResolver inputResolver) {
        if (call.args().size() > 1 && !call.function().equals(FunctionNames.QUANTILE)
                && !call.function().equals(FunctionNames.APPROX_QUANTILE)) {
            throw PolaroidException.invalidPlan(call.function() + "() takes one argument: " + ExprFormatter.format(call));
        }
        BoundExpr arg = null;
        if (!call.args().isEmpty()) {
            if (ExprResolver.hasAggregate(call.args().get(0))) {
                throw PolaroidException.invalidPlan("aggregations cannot be nested: " + ExprFormatter.format(call));
            }
            arg = inputResolver.resolve(call.args().get(0));
        }
        return FunctionRegistry.aggregate(call, arg);
    }

    private LogicalPlan join(PlanNode.Join j) {
        LogicalPlan left = analyze(j.left());
        LogicalPlan right = analyze(j.right());
        return JoinAnalyzer.join(left, right, j);
    }

    private static LogicalPlan sort(LogicalPlan input, List<SortKey> keys) {
        if (keys.isEmpty()) {
            throw PolaroidException.invalidPlan("sort() needs at least one key");
        }
        ExprResolver resolver = new ExprResolver(input.schema());
        List<SortSpec> specs = new ArrayList<>();
        for (SortKey k : keys) {
            BoundExpr key = resolver.resolve(k.expr());
            requireFlat(key.type(), "a sort key", ExprFormatter.format(k.expr()));
            specs.add(new SortSpec(key, k.descending(), k.nullsLast()));
        }
        return new SortNode(input, specs, null);
    }

    /**
     * unique() is an aggregation: the subset columns are the keys, and every other column keeps
     * its first (or last) value. keep='none' keeps only groups of one row.
     */
    private static LogicalPlan unique(LogicalPlan input, PlanNode.Unique u) {
        Schema schema = input.schema();
        List<String> subset = u.subset().isEmpty() ? schema.names() : u.subset();
        for (String name : subset) {
            schema.field(name);
        }
        List<NamedExpr> keys = new ArrayList<>();
        for (String name : subset) {
            requireFlat(schema.field(name).type(), "a unique() column", name);
            keys.add(new NamedExpr(name, new BoundExpr.ColumnRef(name, schema.field(name).type())));
        }
        List<NamedAgg> aggs = new ArrayList<>();
        for (Field f : schema.fields()) {
            requireFlat(f.type(), "kept by unique()", f.name());
            if (!subset.contains(f.name())) {
                AggFn fn = u.keep() == UniqueKeep.LAST ? AggFn.LAST : AggFn.FIRST;
                aggs.add(new NamedAgg(f.name(), new AggCall(fn, new BoundExpr.ColumnRef(f.name(), f.type()), f.type())));
            }
        }
        String countName = "__unique_len";
        if (u.keep() == UniqueKeep.NONE) {
            aggs.add(new NamedAgg(countName, new AggCall(AggFn.LEN, null, DataType.INT64)));
        }
        GroupOrder order = !u.maintainOrder() ? GroupOrder.ANY
                : u.keep() == UniqueKeep.LAST ? GroupOrder.LAST_SEEN : GroupOrder.FIRST_SEEN;
        LogicalPlan plan = new AggregateNode(input, keys, aggs, order);
        if (u.keep() == UniqueKeep.NONE) {
            BoundExpr one = new BoundExpr.Call(ScalarFn.EQ, List.of(new BoundExpr.ColumnRef(countName, DataType.INT64),
                    new BoundExpr.Literal(1L, DataType.INT64)), DataType.BOOL);
            plan = new FilterNode(plan, one);
        }
        List<NamedExpr> ordered = new ArrayList<>();
        for (Field f : schema.fields()) {
            ordered.add(new NamedExpr(f.name(), new BoundExpr.ColumnRef(f.name(), f.type())));
        }
        return project(plan, ordered);
    }

    private LogicalPlan union(PlanNode.Union u) {
        List<LogicalPlan> inputs = new ArrayList<>();
        for (PlanNode p : u.inputs()) {
            inputs.add(analyze(p));
        }
        if (inputs.size() == 1) {
            return inputs.get(0);
        }
        Schema first = inputs.get(0).schema();
        List<DataType> types = new ArrayList<>(first.types());
        for (int i = 1; i < inputs.size(); i++) {
            Schema s = inputs.get(i).schema();
            if (!s.names().equals(first.names())) {
                throw PolaroidException.invalidPlan("concat needs the same columns in the same order, but input 0 has "
                        + first.names() + " and input " + i + " has " + s.names());
            }
            for (int c = 0; c < types.size(); c++) {
                DataType common = TypeCoercion.supertype(types.get(c), s.field(c).type());
                if (common == null) {
                    throw PolaroidException.typeMismatch("concat: column '" + first.field(c).name() + "' is "
                            + types.get(c) + " in one input and " + s.field(c).type() + " in input " + i);
                }
                types.set(c, common);
            }
        }
        List<LogicalPlan> cast = new ArrayList<>();
        for (LogicalPlan p : inputs) {
            List<NamedExpr> exprs = new ArrayList<>();
            for (int c = 0; c < types.size(); c++) {
                Field f = p.schema().field(c);
                exprs.add(new NamedExpr(f.name(), TypeCoercion.castTo(new BoundExpr.ColumnRef(f.name(), f.type()), types.get(c))));
            }
            cast.add(project(p, exprs));
        }
        return new UnionNode(cast);
    }

    private static LogicalPlan rename(LogicalPlan input, List<PlanNode.Renaming> renamings) {
        Schema schema = input.schema();
        Map<String, String> mapping = new LinkedHashMap<>();
        for (PlanNode.Renaming r : renamings) {
            schema.field(r.from());
            mapping.put(r.from(), r.to());
        }
        List<NamedExpr> out = new ArrayList<>();
        for (Field f : schema.fields()) {
            out.add(new NamedExpr(mapping.getOrDefault(f.name(), f.name()), new BoundExpr.ColumnRef(f.name(), f.type())));
        }
        return project(input, out);
    }

    private static LogicalPlan drop(LogicalPlan input, List<String> columns) {
        Schema schema = input.schema();
        for (String c : columns) {
            schema.field(c);
        }
        List<NamedExpr> out = new ArrayList<>();
        for (Field f : schema.fields()) {
            if (!columns.contains(f.name())) {
                out.add(new NamedExpr(f.name(), new BoundExpr.ColumnRef(f.name(), f.type())));
            }
        }
        if (out.isEmpty()) {
            throw PolaroidException.invalidPlan("drop() would remove every column");
        }
        return project(input, out);
    }

    /** explode(columns): every column must be a list; a column of another type is a user error naming it. */
    private static LogicalPlan explode(LogicalPlan input, PlanNode.Explode e) {
        Schema schema = input.schema();
        for (String c : e.columns()) {
            DataType type = schema.field(c).type();
            if (!type.isList()) {
                throw PolaroidException.typeMismatch("explode: column '" + c + "' is of type " + type
                        + ", not a list; only list columns can be exploded");
            }
        }
        return new LogicalPlan.ExplodeNode(input, new ArrayList<>(new java.util.LinkedHashSet<>(e.columns())), e.emptyAsNull(),
                e.keepNulls());
    }

    static JoinKind joinKind(JoinType how) {
        return switch (how) {
            case INNER -> JoinKind.INNER;
            case LEFT -> JoinKind.LEFT;
            case RIGHT -> JoinKind.RIGHT;
            case FULL -> JoinKind.FULL;
            case SEMI -> JoinKind.LEFT_SEMI;
            case ANTI -> JoinKind.LEFT_ANTI;
            case CROSS -> JoinKind.CROSS;
        };
    }
}
