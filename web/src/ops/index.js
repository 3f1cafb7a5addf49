/**
 * In-page operations on apache-arrow Tables (the console's client-side mode): filter, select,
 * withColumns, sort, head, tail with the builder's Exprs or expression text, and IPC/CSV
 * conversions.
 * @module ops
 */
import { tableFromIPC, tableToIPC } from 'apache-arrow';

export { filter, select, withColumns, sort, head, tail } from './frame.js';
export { toCSV } from './csv.js';
export { toParquet } from './parquet.js';
export { OpsError } from './values.js';

/**
 * A Table of Arrow IPC bytes (stream or file format).
 * @param {ArrayBuffer|Uint8Array} bytes
 * @returns {import('apache-arrow').Table}
 */
export function fromIPC(bytes) {
  return tableFromIPC(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
}

/**
 * The Arrow IPC stream bytes of a Table.
 * @param {import('apache-arrow').Table} table
 * @returns {Uint8Array}
 */
export function toIPC(table) {
  return tableToIPC(table, 'stream');
}
