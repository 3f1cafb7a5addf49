// How the Query view shows what went wrong: the server's message under a title for its code, the line of
// SQL it points at with a caret (and that text selected in the editor), a note when rows were received
// before a stream broke, the error codes; never a stack trace. And a short-lived toast.
import { h, setChildren } from './dom.js';
import { cleanMessage, errorPosition, fmtInt } from './format.js';

/** The server's message (with the place in the SQL text, when it gives one); never a stack trace. */
export function showError(box, editor, e, { text = null, partialRows = 0 } = {}) {
  const message = cleanMessage(e && e.message);
  const parts = [h('div.error-title', title(e)), h('div.error-message', message)];
  const pos = text != null ? errorPosition(message, text) : null;
  if (pos) {
    const line = text.split('\n')[pos.line - 1];
    if (line != null) {
      const gutter = String(pos.line) + ' | ';
      parts.push(h('pre.error-snippet', gutter + line + '\n' + ' '.repeat(gutter.length + Math.max(pos.column - 1, 0)) + '^'));
      selectPosition(editor, text, pos);
    }
  }
  if (partialRows) parts.push(h('div.error-note', 'The stream broke: the table keeps the ' + fmtInt(partialRows) + ' rows received before the error.'));
  const meta = [e && e.errorCode, e && e.queryId ? 'query ' + e.queryId : null].filter(Boolean);
  if (meta.length) parts.push(h('div.error-meta', meta.join(' · ')));
  setChildren(box, ...parts);
  box.classList.toggle('beside', partialRows > 0);
  box.hidden = false;
}

function title(e) {
  if (e && e.title) return e.title;
  if (e && ((e.name === 'TypeError' && /fetch|network/i.test(e.message)) || (e.code === 'UNAVAILABLE' && !e.status))) {
    return 'Could not reach the coordinator';
  }
  if (!e || (!e.status && !e.code)) return 'Error';
  switch (e.code) {
    case 'INVALID_ARGUMENT': return 'The query is not valid';
    case 'NOT_FOUND': return 'Not found';
    case 'PERMISSION_DENIED': return 'Not allowed';
    case 'RESOURCE_EXHAUSTED': return 'Out of resources';
    case 'DEADLINE_EXCEEDED': return 'Timed out';
    case 'UNAVAILABLE': return 'The cluster is unavailable';
    default: return 'The query failed';
  }
}

function selectPosition(editor, text, { line, column }) {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  offset += Math.max(column - 1, 0);
  const end = Math.min(offset + (/^\w+/.exec(text.slice(offset))?.[0].length || 1), text.length);
  try { editor.setSelectionRange(offset, end); } catch { /* not focused */ }
}

export function toastError(text) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toastError.timer);
  toastError.timer = setTimeout(() => { t.hidden = true; }, 5000);
}
