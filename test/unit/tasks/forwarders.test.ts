/**
 * The forwarders and their installer on real folders, run the way Cline runs a hook on Linux and macOS:
 * through the shell, with the payload on stdin, in the extension host's environment.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventSpool } from '../../../src/core/tasks/eventSpool';
import {
  EVENTS_DIR_ENV,
  FORWARDER_VERSION,
  chainedFileName,
  forwarderScript,
  readForwarderHeader,
} from '../../../src/core/tasks/forwarderScript';
import { orphanSpoolDirs, spoolDirFor } from '../../../src/core/tasks/hookFolders';
import { FORWARDED_HOOK_EVENTS } from '../../../src/core/tasks/hookPayload';
import { installForwarders, installedForwarders, removeForwarders } from '../../../src/core/tasks/hookInstaller';

const OPTIONS = { platform: 'sh' as const, extensionId: 'cline-companion.cline-companion', extensionVersion: '0.2.0' };

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'companion-hooks-'));
}

/** Runs a hook file as Cline does on Unix: `spawn(path, { shell: true })`, the payload on stdin. */
function runHook(
  file: string,
  payload: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(`'${file.replace(/'/g, `'\\''`)}'`, { shell: true, env: { PATH: process.env.PATH, HOME: os.tmpdir(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(payload);
  });
}

const spooled = (dir: string): string[] =>
  fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));

const USER_HOOK =
  '#!/bin/sh\n# my own hook\ninput=$(cat)\nprintf \'{"contextModification":"len=%s"}\' "${#input}"\necho "to stderr" >&2\nexit 3\n';

describe('Cline hook forwarders', function () {
  this.timeout(20_000);
  let hooks: string;
  let spool: string;
  beforeEach(() => {
    hooks = tempDir();
    spool = tempDir();
  });
  afterEach(() => {
    fs.rmSync(hooks, { recursive: true, force: true });
    fs.rmSync(spool, { recursive: true, force: true });
  });

  it('installs one executable forwarder per event, each named exactly after its event and marked as ours', async () => {
    const report = await installForwarders(hooks, OPTIONS);
    assert.deepEqual(
      report.events.map((e) => e.outcome),
      FORWARDED_HOOK_EVENTS.map(() => 'installed'),
    );
    assert.deepEqual(fs.readdirSync(hooks).sort(), [...FORWARDED_HOOK_EVENTS].sort());
    for (const event of FORWARDED_HOOK_EVENTS) {
      const file = path.join(hooks, event);
      assert.equal(fs.statSync(file).mode & 0o777, 0o755, event);
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(text.startsWith('#!/bin/sh\n'));
      assert.deepEqual(readForwarderHeader(text), { version: FORWARDER_VERSION });
      assert.match(text, /cline-companion\.cline-companion 0\.2\.0/);
      assert.match(text, /Disconnect Cline Task Events/);
    }
    assert.deepEqual([...(await installedForwarders(hooks, 'sh')).keys()].sort(), [...FORWARDED_HOOK_EVENTS].sort());
    const again = await installForwarders(hooks, OPTIONS);
    assert.ok(again.events.every((e) => e.outcome === 'unchanged'));
  });

  it('delivers the payload byte for byte to the spool folder named by the environment, prints nothing and exits 0', async () => {
    await installForwarders(hooks, OPTIONS);
    const payload = JSON.stringify({ hookName: 'TaskStart', taskId: 'conv_1', text: 'ünïcödé \u2028 "quotes" $HOME `x`' });
    const result = await runHook(path.join(hooks, 'TaskStart'), payload, { [EVENTS_DIR_ENV]: spool });
    assert.deepEqual(result, { code: 0, stdout: '', stderr: '' });
    assert.deepEqual(spooled(spool), [payload]);
    assert.deepEqual(
      fs.readdirSync(spool).filter((n) => !n.endsWith('.json')),
      [],
      'no temp file left',
    );
  });

  it('a 1 MB payload arrives whole', async () => {
    await installForwarders(hooks, OPTIONS);
    const payload = JSON.stringify({ hookName: 'TaskComplete', taskId: 'c', result: 'y'.repeat(1024 * 1024) });
    const result = await runHook(path.join(hooks, 'TaskComplete'), payload, { [EVENTS_DIR_ENV]: spool });
    assert.equal(result.code, 0);
    assert.equal(spooled(spool)[0]?.length, payload.length);
  });

  it('with no companion listening (no variable, or its folder gone) it reads stdin, does nothing and exits 0', async () => {
    await installForwarders(hooks, OPTIONS);
    const big = 'z'.repeat(200_000); // more than a pipe buffer: an unread stdin would break Cline's write
    for (const env of [{}, { [EVENTS_DIR_ENV]: path.join(spool, 'gone') }, { [EVENTS_DIR_ENV]: '' }]) {
      const result = await runHook(path.join(hooks, 'PreToolUse'), big, env);
      assert.deepEqual(result, { code: 0, stdout: '', stderr: '' });
    }
    assert.deepEqual(fs.readdirSync(spool), []);
  });

  it('chains a user hook: it still gets the same stdin, its stdout, stderr and exit status pass through, and we get the event', async () => {
    const userFile = path.join(hooks, 'TaskComplete');
    fs.writeFileSync(userFile, USER_HOOK, { mode: 0o750 });
    fs.chmodSync(userFile, 0o750);
    const report = await installForwarders(hooks, OPTIONS);
    assert.equal(report.events.find((e) => e.event === 'TaskComplete')?.outcome, 'chained');
    const chained = path.join(hooks, chainedFileName('TaskComplete', 'sh'));
    assert.equal(fs.readFileSync(chained, 'utf8'), USER_HOOK);
    assert.deepEqual(readForwarderHeader(fs.readFileSync(userFile, 'utf8')), { version: FORWARDER_VERSION, chainedPath: chained });
    const payload = JSON.stringify({ hookName: 'TaskComplete', taskId: 'c1', pad: 'p'.repeat(100_000) });
    const listening = await runHook(userFile, payload, { [EVENTS_DIR_ENV]: spool });
    assert.deepEqual(listening, { code: 3, stdout: `{"contextModification":"len=${payload.length}"}`, stderr: 'to stderr\n' });
    assert.deepEqual(spooled(spool), [payload]);
    const alone = await runHook(userFile, payload, {});
    assert.deepEqual(alone, listening, 'the same without a companion (e.g. after the extension is uninstalled)');
  });

  it('disconnect restores the user hook byte for byte with its permissions, and leaves no file of ours', async () => {
    const userFile = path.join(hooks, 'PreToolUse');
    fs.writeFileSync(userFile, USER_HOOK);
    fs.chmodSync(userFile, 0o704);
    const before = fs.statSync(userFile);
    await installForwarders(hooks, OPTIONS);
    const outcomes = await removeForwarders(hooks, 'sh');
    assert.equal(outcomes.find((o) => o.event === 'PreToolUse')?.outcome, 'restored');
    assert.ok(outcomes.filter((o) => o.event !== 'PreToolUse').every((o) => o.outcome === 'removed'));
    assert.deepEqual(fs.readdirSync(hooks), ['PreToolUse']);
    assert.equal(fs.readFileSync(userFile, 'utf8'), USER_HOOK);
    const after = fs.statSync(userFile);
    assert.equal(after.mode, before.mode);
    assert.equal(after.ino, before.ino, 'the same file, not a copy');
  });

  it('never touches a hook that is not ours on disconnect', async () => {
    fs.writeFileSync(path.join(hooks, 'TaskStart'), USER_HOOK, { mode: 0o755 });
    const outcomes = await removeForwarders(hooks, 'sh');
    assert.equal(outcomes.find((o) => o.event === 'TaskStart')?.outcome, 'notOurs');
    assert.equal(fs.readFileSync(path.join(hooks, 'TaskStart'), 'utf8'), USER_HOOK);
  });

  it('replaces a forwarder of an older version, keeping its chained user hook', async () => {
    fs.writeFileSync(path.join(hooks, 'TaskStart'), USER_HOOK, { mode: 0o755 });
    await installForwarders(hooks, OPTIONS);
    const file = path.join(hooks, 'TaskStart');
    const chained = path.join(hooks, chainedFileName('TaskStart', 'sh'));
    const old = forwarderScript({
      event: 'TaskStart',
      platform: 'sh',
      extensionId: 'x',
      extensionVersion: '0.0.1',
      chainedPath: chained,
    }).replace(`v${FORWARDER_VERSION} `, 'v0 ');
    fs.writeFileSync(file, old);
    const report = await installForwarders(hooks, OPTIONS);
    assert.equal(report.events.find((e) => e.event === 'TaskStart')?.outcome, 'updated');
    assert.deepEqual(readForwarderHeader(fs.readFileSync(file, 'utf8')), { version: FORWARDER_VERSION, chainedPath: chained });
    assert.equal(fs.readFileSync(chained, 'utf8'), USER_HOOK);
  });

  it('skips an event whose chained name is taken, overwriting nothing', async () => {
    fs.writeFileSync(path.join(hooks, 'TaskStart'), 'mine', { mode: 0o755 });
    fs.writeFileSync(path.join(hooks, chainedFileName('TaskStart', 'sh')), 'also mine');
    const report = await installForwarders(hooks, OPTIONS);
    const outcome = report.events.find((e) => e.event === 'TaskStart');
    assert.equal(outcome?.outcome, 'skipped');
    assert.equal(fs.readFileSync(path.join(hooks, 'TaskStart'), 'utf8'), 'mine');
  });

  it('a folder that cannot be created reports every event as failed, with the reason', async () => {
    const blocker = path.join(hooks, 'a-file');
    fs.writeFileSync(blocker, '');
    const report = await installForwarders(path.join(blocker, 'hooks'), OPTIONS);
    assert.ok(
      report.events.every((e) => e.outcome === 'failed' && /ENOTDIR|EEXIST|not a directory/i.test(e.reason)),
      JSON.stringify(report),
    );
  });

  it('two windows: each event reaches only the window whose environment ran it', async () => {
    await installForwarders(hooks, OPTIONS);
    const other = tempDir();
    try {
      await runHook(path.join(hooks, 'TaskStart'), '{"w":1}', { [EVENTS_DIR_ENV]: spool });
      await runHook(path.join(hooks, 'TaskStart'), '{"w":2}', { [EVENTS_DIR_ENV]: other });
      assert.deepEqual(spooled(spool), ['{"w":1}']);
      assert.deepEqual(spooled(other), ['{"w":2}']);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('two windows get two spool folders, whatever VS Code says its session id is (one for every window without telemetry)', async () => {
    const storage = tempDir();
    try {
      // Two windows' activations: the same global storage.
      const [a, b] = [spoolDirFor(storage), spoolDirFor(storage)];
      assert.notEqual(a, b);
      for (const dir of [a, b]) {
        assert.equal(path.dirname(dir), path.join(storage, 'events'));
        assert.match(path.basename(dir), /^[A-Za-z0-9_-]+$/);
      }
      // Each window's Cline runs the one forwarder with its own window's folder: each payload lands once, in its own.
      await installForwarders(hooks, OPTIONS);
      for (const dir of [a, b]) fs.mkdirSync(dir, { recursive: true });
      await runHook(path.join(hooks, 'TaskStart'), '{"w":"a"}', { [EVENTS_DIR_ENV]: a });
      await runHook(path.join(hooks, 'TaskStart'), '{"w":"b"}', { [EVENTS_DIR_ENV]: b });
      assert.deepEqual(spooled(a), ['{"w":"a"}']);
      assert.deepEqual(spooled(b), ['{"w":"b"}']);
      // An id given is kept, made safe as a folder name.
      assert.equal(spoolDirFor(storage, 'someValue.sessionId'), path.join(storage, 'events', 'someValue_sessionId'));
    } finally {
      fs.rmSync(storage, { recursive: true, force: true });
    }
  });
});

describe('EventSpool', function () {
  this.timeout(10_000);
  it('hands on each published payload once, oldest first, deletes it, and skips temp files; dispose removes the folder', async () => {
    const dir = path.join(tempDir(), 'spool');
    const got: string[] = [];
    const errors: string[] = [];
    const spool = new EventSpool({ dir, onPayload: (t) => got.push(t), onError: (e) => errors.push(e), pollMs: 0 });
    await spool.start();
    fs.writeFileSync(path.join(dir, '.ev.tmp1'), 'partial');
    fs.writeFileSync(path.join(dir, '.ev.a.json'), '{"n":1}');
    fs.utimesSync(path.join(dir, '.ev.a.json'), new Date(1000), new Date(1000));
    fs.writeFileSync(path.join(dir, '.ev.b.json'), '{"n":2}');
    const deadline = Date.now() + 5000;
    while (got.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(got, ['{"n":1}', '{"n":2}']);
    assert.deepEqual(fs.readdirSync(dir), ['.ev.tmp1']);
    assert.deepEqual(errors, []);
    spool.dispose();
    assert.equal(fs.existsSync(dir), false);
  });

  it('a throwing handler is reported and the next payload still arrives', async () => {
    const dir = path.join(tempDir(), 'spool');
    const got: string[] = [];
    const errors: string[] = [];
    const spool = new EventSpool({
      dir,
      onPayload: (t) => {
        if (t === 'bad') throw new Error('boom');
        got.push(t);
      },
      onError: (e) => errors.push(e),
      pollMs: 0,
    });
    await spool.start();
    fs.writeFileSync(path.join(dir, '1.json'), 'bad');
    fs.utimesSync(path.join(dir, '1.json'), new Date(1000), new Date(1000));
    fs.writeFileSync(path.join(dir, '2.json'), 'good');
    const deadline = Date.now() + 5000;
    while (got.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    spool.dispose();
    assert.deepEqual(got, ['good']);
    assert.ok(errors.some((e) => e.includes('boom')));
  });
});

describe('PowerShell forwarders (Windows), as text: PowerShell cannot run on this machine', () => {
  const spec = {
    event: 'TaskComplete',
    platform: 'powershell' as const,
    extensionId: 'cline-companion.cline-companion',
    extensionVersion: '0.2.0',
  };

  it('are named <Event>.ps1, use CRLF, carry our header, and read the spool folder from the environment', () => {
    const text = forwarderScript(spec);
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    assert.deepEqual(readForwarderHeader(text), { version: FORWARDER_VERSION });
    assert.match(text, /\$env:CLINE_COMPANION_EVENTS_DIR/);
    assert.match(text, /\[Console\]::In\.ReadToEnd\(\)/);
    // Published by a rename, so the companion never reads half a payload.
    assert.match(text, /Move-Item -LiteralPath \$t -Destination \(\$t \+ '\.json'\)/);
    assert.match(text, /exit 0\r\n$/);
    assert.ok(!/Write-(Host|Output)|echo /i.test(text), 'prints nothing of its own');
  });

  it('chain a user hook the way Cline runs one on Windows, passing its exit status, with the path quoted safely', () => {
    const chainedPath = "C:\\Users\\O'Brien\\Documents\\Cline\\Hooks\\TaskComplete.chained-by-cline-companion.ps1";
    const text = forwarderScript({ ...spec, chainedPath });
    assert.deepEqual(readForwarderHeader(text), { version: FORWARDER_VERSION, chainedPath });
    assert.ok(text.includes("$u = 'C:\\Users\\O''Brien\\Documents\\Cline\\Hooks\\TaskComplete.chained-by-cline-companion.ps1'"), text);
    assert.match(text, /\$payload \| & powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -File \$u\r\n\s+exit \$LASTEXITCODE/);
    assert.equal(chainedFileName('TaskComplete', 'powershell'), 'TaskComplete.chained-by-cline-companion.ps1');
  });

  it("a spool folder left by a crashed window of this machine is an orphan; a live window's, another machine's and odd names are not", async () => {
    const storage = tempDir();
    try {
      const root = path.join(storage, 'events');
      const mine = spoolDirFor(storage);
      assert.match(path.basename(mine), new RegExp(`^${os.hostname().replace(/[^A-Za-z0-9_]/g, '_')}-${process.pid}-`));
      // A real process that has ended: its pid is the crashed window's.
      const child = spawn(process.execPath, ['-e', '']);
      const deadPid = child.pid!;
      await new Promise((resolve) => child.on('exit', resolve));
      const crashed = spoolDirFor(storage).replace(`-${process.pid}-`, `-${deadPid}-`);
      const elsewhere = path.join(root, `another_host-${deadPid}-${randomUUID()}`);
      const names = [mine, crashed, elsewhere, path.join(root, 'someValue_sessionId')].map((d) => path.basename(d));
      const isAlive = (pid: number): boolean => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      assert.deepEqual(orphanSpoolDirs(root, names, { hostname: os.hostname(), isAlive }), [crashed]);
    } finally {
      fs.rmSync(storage, { recursive: true, force: true });
    }
  });
});
