// The Polaroid web console: sign in with the cluster token, then the Query, Queries, Workers and Catalog
// views (the URL's hash picks one). Any 401 comes back here, to the login view.
import { $, $$ } from './dom.js';
import { hook } from './hook.js';
import { api, signIn, isUnauthenticated, SignedOut, storedToken, storeToken, whenUnauthenticated } from './session.js';
import { cleanMessage } from './format.js';
import { focusEditor, initQueryView, setSql } from './query-view.js';
import { initQueriesView, showQueries } from './queries-view.js';
import { initWorkersView, showWorkers } from './workers-view.js';
import { initCatalogView, showCatalog, sqlName } from './catalog-view.js';

const VIEWS = ['query', 'queries', 'workers', 'catalog'];
const root = document.documentElement;
let signedIn = false;

function init() {
  initQueryView();
  initQueriesView();
  initWorkersView();
  initCatalogView((table) => {
    setSql(`SELECT * FROM ${sqlName(table)} LIMIT 100`);
    location.hash = '#query';
    focusEditor();
  });
  whenUnauthenticated((message) => signOut(message));
  $('#login-form').addEventListener('submit', onLogin);
  $('#signout').addEventListener('click', () => signOut(''));
  window.addEventListener('hashchange', route);
  hook.signOut = signOut;
  start();
}

async function start() {
  if (!storedToken()) {
    showLogin('');
    return;
  }
  try {
    const s = await api((c) => c.session());
    enter(s);
  } catch (e) {
    if (e instanceof SignedOut) return; // the login view shows 'Your session ended'
    // the coordinator is unreachable: stay signed in and let the views say so
    enter(null);
    toast('Could not reach the coordinator: ' + cleanMessage(e && e.message));
  }
}

async function onLogin(e) {
  e.preventDefault();
  const input = $('#token');
  const token = input.value.trim();
  const err = $('#login-error');
  const submit = $('#login-submit');
  if (!token) return;
  submit.disabled = true;
  submit.textContent = 'Signing in…';
  err.hidden = true;
  try {
    const s = await signIn(token);
    input.value = '';
    enter(s);
  } catch (ex) {
    err.textContent = isUnauthenticated(ex) ? 'That token was not accepted. Check it and try again.'
      : 'Could not sign in: ' + cleanMessage(ex && ex.message);
    err.hidden = false;
    input.select();
  } finally {
    submit.disabled = false;
    submit.textContent = 'Sign in';
  }
}

function enter(session) {
  signedIn = true;
  root.classList.remove('has-token');
  root.classList.add('signed-in');
  const who = session && (session.principal || session.name);
  $('#principal').textContent = who ? String(who) : '';
  hook.session = session;
  if (!VIEWS.includes(location.hash.slice(1))) history.replaceState(null, '', '#query');
  route();
}

function signOut(message) {
  signedIn = false;
  storeToken(null);
  root.classList.remove('signed-in', 'has-token');
  showLogin(message);
}

function showLogin(message) {
  hook.state = 'signed-out';
  showView(null);
  const err = $('#login-error');
  err.textContent = message || '';
  err.hidden = !message;
  $('#view-login').hidden = false;
  setTimeout(() => $('#token').focus(), 0);
}

function route() {
  if (!signedIn) return;
  const name = location.hash.slice(1);
  showView(VIEWS.includes(name) ? name : 'query');
}

function showView(name) {
  $('#view-login').hidden = true;
  for (const v of VIEWS) $('#view-' + v).hidden = v !== name;
  for (const a of $$('.tabs a')) {
    if (a.dataset.view === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  showQueries(name === 'queries');
  showWorkers(name === 'workers');
  showCatalog(name === 'catalog');
  document.title = name ? 'Polaroid · ' + name.charAt(0).toUpperCase() + name.slice(1) : 'Polaroid console';
  hook.currentView = name;
}

function toast(text) {
  const t = $('#toast');
  t.textContent = text;
  t.hidden = false;
  setTimeout(() => { t.hidden = true; }, 6000);
}

init();
