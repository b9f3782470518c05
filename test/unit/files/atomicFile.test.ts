import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../../src/core/clock';
import { renameWithRetry, writeFileAtomic } from '../../../src/core/files/atomicFile';
import { nodeFileSystem, type FileSystem } from '../../../src/core/files/fileSystem';

/** A clock whose timers fire at once (on the next turn), recording how long each wait would have been. */
function instantClock(): Clock & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    now: () => 0,
    setTimeout: (callback, ms) => {
      waits.push(ms);
      return setImmediate(callback);
    },
    clearTimeout: (handle) => clearImmediate(handle as NodeJS.Immediate),
  };
}

const failure = (code: string): Error => Object.assign(new Error(`${code}: rename refused`), { code });

/** Node's file system, except that the first renames fail with the given codes. */
function refusingRenames(codes: string[]): FileSystem & { renames: number } {
  const queue = [...codes];
  const fs = {
    ...nodeFileSystem,
    renames: 0,
    rename: async (from: string, to: string) => {
      fs.renames++;
      const code = queue.shift();
      if (code !== undefined) throw failure(code);
      await nodeFileSystem.rename(from, to);
    },
  };
  return fs;
}

describe('files/atomicFile', () => {
  let folder: string;
  let target: string;
  const leftovers = async () => (await readdir(folder)).filter((n) => n.endsWith('.tmp'));

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'atomic-file-'));
    target = join(folder, 'file.json');
    await writeFile(target, 'old');
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('retries a rename Windows refuses for a moment (EPERM, EACCES, EBUSY), waiting longer each time', async () => {
    const fs = refusingRenames(['EPERM', 'EACCES', 'EBUSY']);
    const clock = instantClock();
    await writeFileAtomic(target, 'new', { fs, clock });
    assert.equal(await readFile(target, 'utf8'), 'new');
    assert.equal(fs.renames, 4);
    assert.deepEqual(clock.waits, [10, 20, 40]);
    assert.deepEqual(await leftovers(), []);
  });

  it('gives up after five retries: the error stands, the old file is intact, the temp file is removed', async () => {
    const fs = refusingRenames(Array(10).fill('EPERM'));
    const clock = instantClock();
    await assert.rejects(writeFileAtomic(target, 'new', { fs, clock }), { code: 'EPERM' });
    assert.equal(fs.renames, 6);
    assert.deepEqual(clock.waits, [10, 20, 40, 80, 160]);
    assert.equal(await readFile(target, 'utf8'), 'old');
    assert.deepEqual(await leftovers(), []);
  });

  it('does not retry other errors', async () => {
    const fs = refusingRenames(['EXDEV']);
    const clock = instantClock();
    await assert.rejects(renameWithRetry(join(folder, 'a'), join(folder, 'b'), { fs, clock }), { code: 'EXDEV' });
    assert.equal(fs.renames, 1);
    assert.deepEqual(clock.waits, []);
  });
});
