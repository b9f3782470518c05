/**
 * Starts a real VS Code server (code-server 4.100.3 = VS Code 1.100.3) on 127.0.0.1 with
 * throw-away HOME, user-data and extensions folders, optionally with the stand-in Cline installed
 * from its VSIX. Its extension host is the real Node one; it starts when a workbench page connects.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCodeServer } from './installCodeServer';
import { groupAlive, runId, RUN_MARKER, signalGroup } from './processes';
import { installGermanLanguagePack } from './languagePack';
import { standInClineVsix } from './standInCline';

/** VS Code's machine-scoped switch for opening an extension's walkthrough on install. */
const OPEN_ON_INSTALL = 'workbench.welcomePage.walkthroughs.openOnInstall';

export const repoRoot = path.resolve(__dirname, '..', '..');

export interface CodeServerOptions {
  /** Install the stand-in Cline VSIX (default true). */
  withStandInCline?: boolean;
  /**
   * Extension ids to disable. code-server has no --disable-extension flag: the page applies these
   * (see disabledExtensions.ts), so they are only carried here.
   */
  disableExtensions?: string[];
  /** Folder to open; copied from test/fixtures/workspace by default. */
  workspace?: string;
  /**
   * Open a multi-root workspace instead (a `.code-workspace` file): the fixture copy as the folder `app` and an
   * empty folder `lib` (the tests fill it).
   */
  multiRoot?: boolean;
  /** Workspace Trust on (off by default): the folder opens untrusted, in Restricted Mode. */
  workspaceTrust?: boolean;
  /** Extra environment for the server and its extension host. */
  env?: Record<string, string>;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Start in German (`--locale de`, with the stand-in language pack of languagePack.ts); English otherwise. */
  locale?: 'de';
}

export interface CodeServer {
  port: number;
  /** Extension ids the workbench page must disable (disableExtensionsInPage). */
  disabledExtensions: string[];
  baseUrl: string;
  workspace: string;
  tmp: string;
  /** Path of the stand-in's JSON-lines call log. */
  standInLog: string;
  /** Path of the stand-in's behaviour file (JSON), re-read on every call. */
  standInBehaviour: string;
  stop(): Promise<void>;
  /** Everything the server printed so far. */
  output(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const entry = ensureCodeServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'companion-host-'));
  const home = path.join(tmp, 'home');
  const userData = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  for (const d of [home, userData, extensionsDir]) fs.mkdirSync(d, { recursive: true });
  let workspace = options.workspace ?? path.join(tmp, options.multiRoot ? 'app' : 'workspace');
  if (!options.workspace) copyDir(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace);
  if (options.multiRoot) {
    fs.mkdirSync(path.join(tmp, 'lib'));
    const file = path.join(tmp, 'multi.code-workspace');
    fs.writeFileSync(file, JSON.stringify({ folders: [{ path: path.basename(workspace) }, { path: 'lib' }] }, null, 2));
    workspace = file;
  }
  const standInLog = path.join(tmp, 'stand-in-calls.jsonl');
  const standInBehaviour = path.join(tmp, 'stand-in-behaviour.json');

  // A machine-scoped setting given by a test goes into the remote settings below, not here.
  const { [OPEN_ON_INSTALL]: _openOnInstall, ...userSettings } = options.settings ?? {};
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': options.workspaceTrust === true,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'git.enabled': false,
        'chat.disableAIFeatures': true,
        'window.restoreWindows': 'none',
        ...userSettings,
      },
      null,
      2,
    ),
  );
  // Machine-scoped settings (VS Code's `scope: machine`) are read only from the remote settings when the workbench is
  // connected to a server, as code-server's is: a value in User/settings.json is ignored. Cline Companion and VS Code
  // open a walkthrough on first install unless `workbench.welcomePage.walkthroughs.openOnInstall` (machine scope) is
  // off, and a walkthrough tab opening under a test takes the editor and the keyboard focus: only the walkthrough
  // test turns it on.
  fs.mkdirSync(path.join(userData, 'Machine'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'Machine', 'settings.json'),
    JSON.stringify({ [OPEN_ON_INSTALL]: options.settings?.[OPEN_ON_INSTALL] === true }, null, 2),
  );

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    [RUN_MARKER]: runId(),
    CLINE_STANDIN_LOG: standInLog,
    CLINE_STANDIN_BEHAVIOUR: standInBehaviour,
    ...options.env,
  };
  // Never let a developer's real key reach a test host.
  if (!options.env?.CLINE_API_KEY) delete env.CLINE_API_KEY;
  const common = ['--user-data-dir', userData, '--extensions-dir', extensionsDir];

  if (options.withStandInCline !== false) {
    execFileSync(process.execPath, [entry, ...common, '--install-extension', standInClineVsix()], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
  }

  if (options.locale === 'de') installGermanLanguagePack([entry, ...common], env, userData, extensionsDir);

  const port = await freePort();
  const args = [
    entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    ...(options.locale ? ['--locale', options.locale] : []),
    ...common,
    workspace,
  ];
  // detached => setsid(): the server, its file watcher and extension hosts share one new process
  // group, which stop() signals as a whole (killing the main pid alone leaves the watcher behind).
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const pgid = child.pid!;
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async (): Promise<void> => {
    if (groupAlive(pgid)) {
      signalGroup(pgid, 'SIGTERM');
      const deadline = Date.now() + 3000;
      while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      signalGroup(pgid, 'SIGKILL');
    }
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    await waitForHttp(`${baseUrl}/healthz`, child, 30_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- code-server output ---\n${output}`);
  }
  return {
    port,
    disabledExtensions: options.disableExtensions ?? [],
    baseUrl,
    workspace,
    tmp,
    standInLog,
    standInBehaviour,
    stop,
    output: () => output,
  };
}

/** The workbench URL, optionally with a test payload (extension under development + tests). */
export function workbenchUrl(server: CodeServer, payload?: { extensionTestsPath?: string }): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const entries: [string, string][] = [['extensionDevelopmentPath', remote(repoRoot)]];
  if (payload?.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  const open = server.workspace.endsWith('.code-workspace') ? 'workspace' : 'folder';
  return `${server.baseUrl}/?${open}=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(entries))}`;
}
