/**
 * `pl`: the Polars-like entry points of the builder (`pl.scanParquet`, `pl.col`, `pl.lit`, ...)
 * and the data types (`pl.Int64`, `pl.Decimal(15, 2)`, ...).
 * @module pl
 */
import { col, lit, len, when, coalesce, concatStr, date, datetime, duration } from './expr.js';
import { scanParquet, scanCsv, scanIpc, scanTable, inMemory, sql, concat, LazyFrame } from './lazy.js';
import { parseExpr } from './parse.js';
import { dtypes, dtype } from './types.js';

/** The builder's namespace, as Polars' `pl`. */
export const pl = Object.freeze({
  scanParquet, scanCsv, scanIpc, scanTable, inMemory, sql, concat,
  /** Polars-JS spellings */
  scanCSV: scanCsv, scanIPC: scanIpc,
  col, lit, len, when, coalesce, concatStr, date, datetime, duration,
  /** An Expr from SQL-like text (`parseExpr`). */
  expr: parseExpr,
  /** A LazyFrame of a plan object or its JSON text. */
  fromPlan: (plan) => LazyFrame.fromPlan(plan),
  dtype,
  ...dtypes,
});
