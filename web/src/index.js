/**
 * Polaroid in JavaScript: the Polars-like lazy builder (`pl`, `LazyFrame`, `Expr`), a parser of
 * SQL-like expression text (`parseExpr`), in-page operations on apache-arrow Tables (`ops`) and a
 * client for the coordinator's HTTP API (`PolaroidClient`, `connect`).
 * @module polaroid
 */
import { pl } from './pl.js';
import { LazyFrame, GroupBy } from './lazy.js';
import { Expr } from './expr.js';
import { parseExpr, ExprSyntaxError } from './parse.js';
import { PolaroidClient, PolaroidError, connect, newQueryId } from './client.js';
import * as ops from './ops/index.js';

export { pl, LazyFrame, GroupBy, Expr, parseExpr, ExprSyntaxError, PolaroidClient, PolaroidError, connect, newQueryId, ops };
export default { pl, LazyFrame, GroupBy, Expr, parseExpr, ExprSyntaxError, PolaroidClient, PolaroidError, connect, newQueryId, ops };
