package io.polaroid;

import static io.polaroid.Functions.col;
import static io.polaroid.Functions.intRange;
import static io.polaroid.Functions.len;
import static io.polaroid.Functions.lit;
import static io.polaroid.Functions.nullOf;
import static io.polaroid.Functions.when;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Polars' {@code join_asof}, made of the window operator as the Python package makes it: the right
 * rows are stacked under the left ones in key order (the side breaks ties, so an equal key is
 * found), each left row forward- or backward-fills the number of the right row before or after it
 * within its {@code by} group, and a left join on that number brings the right values back.
 */
final class AsofJoin {
    private AsofJoin() {
    }

    static LazyFrame join(LazyFrame left, LazyFrame right, String leftOn, String rightOn, List<String> by, String strategy,
                          String suffix) {
        if (!List.of("backward", "forward", "nearest").contains(strategy)) {
            throw new IllegalArgumentException("joinAsof strategy is backward, forward or nearest, not " + strategy);
        }
        Schema ls = left.schema();
        Schema rs = right.schema();
        DataType keyType = ls.field(leftOn).type();
        Map<String, String> kept = new LinkedHashMap<>();
        for (Field f : rs.fields()) {
            if (!by.contains(f.name()) && !(f.name().equals(rightOn) && leftOn.equals(rightOn))) {
                kept.put(f.name(), ls.contains(f.name()) ? f.name() + suffix : f.name());
            }
        }
        LazyFrame numbered = right.withColumns(intRange(len()).alias("__rrow"));
        List<Expr> leftRows = new ArrayList<>();
        List<Expr> rightRows = new ArrayList<>();
        for (Field f : ls.fields()) {
            leftRows.add(col(f.name()));
            rightRows.add(by.contains(f.name()) ? col(f.name()).cast(f.type()) : nullOf(f.type()).alias(f.name()));
        }
        leftRows.addAll(List.of(intRange(len()).alias("__lrow"), col(leftOn).alias("__key"), nullOf(keyType).alias("__rkey"),
                nullOf(DataType.INT64).alias("__rrow"), lit(1).alias("__back"), lit(0).alias("__ahead")));
        rightRows.addAll(List.of(nullOf(DataType.INT64).alias("__lrow"), col(rightOn).cast(keyType).alias("__key"),
                col(rightOn).cast(keyType).alias("__rkey"), col("__rrow"), lit(0).alias("__back"), lit(1).alias("__ahead")));
        LazyFrame stacked = LazyFrame.concat(left.select(leftRows.toArray(Expr[]::new)),
                numbered.select(rightRows.toArray(Expr[]::new)));
        List<Expr> found = new ArrayList<>();
        for (String h : List.of("__rrow", "__rkey")) {
            found.add(col(h).forwardFill().over(List.copyOf(by), List.of("__key", "__back")).alias(h + "b"));
            found.add(col(h).backwardFill().over(List.copyOf(by), List.of("__key", "__ahead")).alias(h + "f"));
        }
        Expr key = col("__key");
        Expr match = switch (strategy) {
            case "backward" -> col("__rrowb");
            case "forward" -> col("__rrowf");
            default -> when(col("__rkeyb").isNotNull().and(col("__rkeyf").isNull()
                    .or(key.sub(col("__rkeyb")).lt(col("__rkeyf").sub(key))))).then(col("__rrowb")).otherwise(col("__rrowf"));
        };
        List<Expr> leftColumns = new ArrayList<>();
        ls.names().forEach(n -> leftColumns.add(col(n)));
        List<Expr> matched = new ArrayList<>(leftColumns);
        matched.add(col("__lrow"));
        matched.add(match.alias("__match"));
        List<Expr> values = new ArrayList<>(List.of(col("__rrow")));
        kept.forEach((c, name) -> values.add(col(c).alias(name)));
        List<Expr> output = new ArrayList<>(leftColumns);
        kept.values().forEach(name -> output.add(col(name)));
        return stacked.withColumns(found.toArray(Expr[]::new)).filter(col("__lrow").isNotNull())
                .select(matched.toArray(Expr[]::new))
                .join(numbered.select(values.toArray(Expr[]::new)), "__match", "__rrow", "left")
                .sort("__lrow").select(output.toArray(Expr[]::new));
    }
}
