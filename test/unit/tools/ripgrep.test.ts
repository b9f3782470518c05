import assert from 'node:assert/strict';
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { findRipgrep, ripgrepArguments, ripgrepCandidates, searchWithRipgrep, type SearchLine } from '../../../src/core/tools/ripgrep';
import { nodePathFs } from '../../../src/core/tools/workspacePaths';
import { filterOf, ripgrepBinaries } from './toolWorkspace';

const executable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

describe('tools/ripgrep', () => {
  describe('findRipgrep', () => {
    it('knows every place VS Code builds keep rg, the unpacked asar first, rg.exe on Windows', () => {
      assert.deepEqual(ripgrepCandidates('/app', 'linux', 'arm64'), [
        '/app/node_modules.asar.unpacked/@vscode/ripgrep-linux-arm64/bin/rg',
        '/app/node_modules.asar.unpacked/@vscode/ripgrep/bin/rg',
        '/app/node_modules/@vscode/ripgrep-linux-arm64/bin/rg',
        '/app/node_modules/@vscode/ripgrep/bin/rg',
      ]);
      assert.deepEqual(ripgrepCandidates('C:\\Code\\resources\\app', 'win32', 'x64').slice(0, 2), [
        'C:\\Code\\resources\\app\\node_modules.asar.unpacked\\@vscode\\ripgrep-win32-x64\\bin\\rg.exe',
        'C:\\Code\\resources\\app\\node_modules.asar.unpacked\\@vscode\\ripgrep\\bin\\rg.exe',
      ]);
    });

    it('returns the first that exists, and survives a check that throws', async () => {
      const present = new Set(['/app/node_modules/@vscode/ripgrep/bin/rg']);
      const exists = async (p: string) => {
        if (p.includes('asar')) throw new Error('EACCES');
        return present.has(p);
      };
      assert.equal(await findRipgrep('/app', exists, 'linux', 'x64'), '/app/node_modules/@vscode/ripgrep/bin/rg');
      assert.equal(await findRipgrep('/app', () => false, 'linux', 'x64'), undefined);
      assert.equal(await findRipgrep('', () => true), undefined, 'no appRoot, no guess');
    });

    it("finds rg in VS Code 1.100's layout (the platform package beside the plain one) on a real disk", async () => {
      // The layout code-server 4.100.3 ships, built in a temp folder so this runs before code-server is installed
      // (the integration suite searches with the real one).
      const appRoot = await mkdtemp(join(tmpdir(), 'companion-approot-'));
      try {
        const platformRg = join(appRoot, `node_modules/@vscode/ripgrep-${process.platform}-${process.arch}/bin/rg`);
        const plainRg = join(appRoot, 'node_modules/@vscode/ripgrep/bin/rg');
        for (const file of [platformRg, plainRg]) {
          await mkdir(join(file, '..'), { recursive: true });
          await writeFile(file, '#!/bin/sh\n', { mode: 0o755 });
        }
        assert.equal(await findRipgrep(appRoot, executable), platformRg);
        await rm(platformRg);
        assert.equal(await findRipgrep(appRoot, executable), plainRg);
      } finally {
        await rm(appRoot, { recursive: true, force: true });
      }
    });
  });

  describe('ripgrepArguments', () => {
    const base = { filter: filterOf(), query: 'x', isRegex: false, maxResults: 50 };

    it('never follows links, reads no config, searches "." (not stdin) and takes the query after -e', () => {
      const args = ripgrepArguments({ ...base, query: '--files' });
      for (const flag of ['--json', '--no-config', '--no-follow', '--fixed-strings', '--max-count=50', '--context=1']) {
        assert.ok(args.includes(flag), flag);
      }
      assert.deepEqual(args.slice(-4), ['-e', '--files', '--', '.']);
      assert.ok(!args.includes('--follow') && !args.includes('-L'));
      assert.ok(!ripgrepArguments({ ...base, isRegex: true }).includes('--fixed-strings'));
    });

    it("puts the model's glob before the filter's excludes (a later glob wins in ripgrep)", () => {
      const args = ripgrepArguments({ ...base, glob: '**/.env' });
      const include = args.indexOf('--glob=**/.env');
      const excludes = args.map((a, i) => (a.startsWith('--glob=!') ? i : -1)).filter((i) => i >= 0);
      assert.ok(include >= 0 && excludes.length > 0 && excludes.every((i) => i > include));
      assert.ok(args.includes('--glob=!.git'));
    });
  });

  describe('searchWithRipgrep', () => {
    let folder: string;
    before(async () => {
      folder = await mkdtemp(join(tmpdir(), 'companion-rg-'));
      await mkdir(join(folder, 'many'));
      for (let i = 0; i < 300; i++) await writeFile(join(folder, 'many', `f${i}.txt`), 'hit\n'.repeat(50));
    });
    after(async () => {
      await rm(folder, { recursive: true, force: true });
    });

    for (const rg of ripgrepBinaries()) {
      const which = rg.includes('code-server') ? "code-server's rg" : 'the system rg';
      it(`stops ripgrep at once when the signal aborts mid-search (${which})`, async () => {
        const controller = new AbortController();
        const lines: SearchLine[] = [];
        const result = await searchWithRipgrep({
          rgPath: rg,
          root: { name: 'w', fsPath: folder },
          filter: filterOf('', ''),
          fs: nodePathFs,
          query: 'hit',
          isRegex: false,
          maxResults: 200,
          signal: controller.signal,
          onLine: (line) => {
            lines.push(line);
            if (lines.length === 3) controller.abort();
          },
        });
        assert.deepEqual(result, { ok: true, matches: 3, stoppedEarly: true });
        assert.equal(lines.length, 3);
      });

      it(`passes exactly maxResults matches, then stops (${which})`, async () => {
        let matches = 0;
        const result = await searchWithRipgrep({
          rgPath: rg,
          root: { name: 'w', fsPath: folder },
          filter: filterOf('', ''),
          fs: nodePathFs,
          query: 'hit',
          isRegex: false,
          maxResults: 120,
          context: 0,
          onLine: (line) => {
            if (line.matchStart !== undefined) matches++;
          },
        });
        assert.deepEqual(result, { ok: true, matches: 120, stoppedEarly: true });
        assert.equal(matches, 120);
      });
    }
  });
});
