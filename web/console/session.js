// The session token (sessionStorage) the cluster token was traded for, and the client built from it. Every call goes through `api()`, which
// turns any 401 into a return to the login view.
import { PolaroidClient } from '../src/index.js';

const KEY = 'polaroid.token';
let client = null;
let clientToken = null;
let onUnauthenticated = () => {};

let pageToken = null; // where the token lives when the browser refuses sessionStorage

export function storedToken() {
  try {
    return sessionStorage.getItem(KEY) ?? pageToken;
  } catch {
    return pageToken;
  }
}

export function storeToken(token) {
  pageToken = token || null;
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch { /* storage refused: the token lives only in this page */ }
  client = null;
}

/** The client for the stored token, rebuilt when the stored token changed (another tab, or a test). */
export function getClient() {
  const token = storedToken();
  if (!client || token !== clientToken) {
    client = new PolaroidClient({ url: '', token: token || '' });
    clientToken = token;
  }
  return client;
}

export function whenUnauthenticated(fn) {
  onUnauthenticated = fn;
}

export function isUnauthenticated(e) {
  return !!e && (e.code === 'UNAUTHENTICATED' || e.status === 401);
}

/** Thrown (and ignored by the views) after a 401 sent the page back to the login view. */
export class SignedOut extends Error {
  constructor() {
    super('signed out');
    this.name = 'SignedOut';
  }
}

/** Runs fn(client); a 401 signs out and throws SignedOut. */
export async function api(fn) {
  if (!storedToken()) {
    onUnauthenticated('Sign in to continue.');
    throw new SignedOut();
  }
  try {
    return await fn(getClient());
  } catch (e) {
    if (isUnauthenticated(e)) {
      storeToken(null);
      onUnauthenticated('Your session ended; sign in again.');
      throw new SignedOut();
    }
    throw e;
  }
}

/**
 * Signs in with the cluster token: the server checks it and hands back a session token that
 * expires, which the page keeps instead (with authentication off, there is none: the token given is kept).
 */
export async function signIn(token) {
  const session = await new PolaroidClient({ url: '', token }).login();
  storeToken(session.token || token);
  return session;
}
