package io.polaroid.engine.functions;

import java.util.List;

/**
 * One function: its wire name, the SQL spellings that mean it, its signature, where each SDK
 * spells it, and how a call of it binds. The catalog that tests check the SDKs against is made
 * from these ({@link FunctionCatalog}).
 *
 * @param name      the wire name in {@code polaroid.v1.Call.function}
 * @param kind      scalar (row by row) or aggregate
 * @param sql       other names an expression string or SQL may use for it ({@code upper}, {@code avg})
 * @param signature arguments and result, for people: {@code str.slice(s: str, offset: int lit[, length: int lit]) -> str}
 * @param python    the Python spelling, as a path from {@code pl} or an expression: {@code Expr.str.slice}
 * @param inPolars  whether Polars has the same spelling (a test checks the installed Polars)
 * @param java      the Java SDK spelling: {@code Expr.str().slice}, {@code Functions.concatStr}
 * @param binder    the type rule of a scalar function; null for aggregates, which bind as aggregates,
 *                  and for row sets, which the analyzer plans as relations
 */
public record FunctionDef(String name, Kind kind, List<String> sql, String signature, String python, boolean inPolars,
                          String java, Binder binder) {
    /**
     * Row by row, one value per group, a value per row from its window's rows in order (as
     * {@code rank}), or a new set of rows (alone in a select, as {@code unique}).
     */
    public enum Kind { SCALAR, AGGREGATE, WINDOW, ROW_SET }

    public FunctionDef {
        sql = List.copyOf(sql);
    }

    /** A scalar function that Polars spells as {@code python}. */
    static FunctionDef scalar(String name, String signature, String python, String java, Binder binder) {
        return new FunctionDef(name, Kind.SCALAR, List.of(), signature, python, true, java, binder);
    }

    /** This function with SQL spellings. */
    FunctionDef sql(String... aliases) {
        return new FunctionDef(name, kind, List.of(aliases), signature, python, inPolars, java, binder);
    }

    /** This function, spelled in Python as Polars does not spell anything. */
    FunctionDef notInPolars() {
        return new FunctionDef(name, kind, sql, signature, python, false, java, binder);
    }
}
