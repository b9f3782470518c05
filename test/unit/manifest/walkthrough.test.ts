/**
 * The Get Started walkthrough as package.json declares it: every step can complete itself, by an event VS Code
 * knows and a context key the code really sets; its buttons run commands that exist; its media exist and ship.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CMD, CONTEXT_KEY, WALKTHROUGH_ID } from '../../../src/core/commandIds';
import { localizeManifest } from '../../release/packageRules';

const root = path.join(__dirname, '..', '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
// As the user sees it: every %key% replaced by its English text from package.nls.json.
const manifest: ReturnType<typeof JSON.parse> = localizeManifest(readJson('package.json'), readJson('package.nls.json')).manifest;

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string; altText?: string; markdown?: string };
  completionEvents?: string[];
}
const walkthroughs = manifest.contributes.walkthroughs as { id: string; steps: Step[] }[];
const steps = walkthroughs.find((w) => w.id === WALKTHROUGH_ID)?.steps ?? [];

/** Every file under src/ (the code that might set a context key). */
function sourceText(dir = path.join(root, 'src')): string {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .map((e) =>
      e.isDirectory() ? sourceText(path.join(dir, e.name)) : e.name.endsWith('.ts') ? fs.readFileSync(path.join(dir, e.name), 'utf8') : '',
    )
    .join('\n');
}

describe('the Get Started walkthrough (package.json)', () => {
  it('is the one walkthrough, with the six steps of the issue in order', () => {
    assert.deepEqual(
      walkthroughs.map((w) => w.id),
      [WALKTHROUGH_ID],
    );
    assert.deepEqual(
      steps.map((s) => s.id),
      ['findCline', 'setApiKey', 'askQuestion', 'codeLenses', 'connectTaskEvents', 'queueTask'],
    );
  });

  it('every step completes itself by an event VS Code knows (a step without one would complete when merely selected)', () => {
    for (const step of steps) {
      assert.ok(step.completionEvents?.length, `${step.id} has completion events`);
      for (const event of step.completionEvents ?? [])
        assert.match(event, /^(onContext|onCommand|onSettingChanged|extensionInstalled|onView):\S+$/, `${step.id}: ${event}`);
    }
  });

  it('every context key a step waits for is a positive key of CONTEXT_KEY that the code sets', () => {
    const source = sourceText();
    const known = new Map(Object.entries(CONTEXT_KEY).map(([name, key]) => [key as string, name]));
    for (const step of steps)
      for (const event of step.completionEvents ?? []) {
        if (!event.startsWith('onContext:')) continue;
        const key = event.slice('onContext:'.length);
        // A negation would be true before the extension activates, and VS Code ignores a key already true.
        assert.ok(known.has(key), `${step.id} waits for ${key}, which is not in CONTEXT_KEY`);
        const name = known.get(key)!;
        // `executeCommand('setContext', <key>, …)`, or a `setContext(<key>, …)` helper around it.
        const set = new RegExp(`setContext(',\\s*|\\()(CONTEXT_KEY\\.${name}\\b|'${key.replace(/\./g, '\\.')}')`);
        assert.match(source, set, `nothing in src/ sets ${key}`);
      }
  });

  it("every button runs a command that exists: one of ours, or VS Code's extension search", () => {
    const ours = new Set<string>(Object.values(CMD));
    for (const step of steps) {
      const links = [...step.description.matchAll(/\]\(command:([\w.]+)(\?[^)]*)?\)/g)];
      assert.ok(links.length > 0, `${step.id} has a button`);
      for (const [, command, query] of links) {
        assert.ok(ours.has(command) || command === 'workbench.extensions.search', `${step.id}: ${command}`);
        if (query) assert.ok(Array.isArray(JSON.parse(decodeURIComponent(query.slice(1)))), `${step.id}: arguments are a JSON array`);
      }
    }
  });

  it('every medium exists under media/ (which the VSIX ships), and every image has alt text', () => {
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!media/**'), '.vscodeignore ships media/');
    for (const step of steps) {
      const file = step.media.image ?? step.media.markdown;
      assert.ok(file, `${step.id} has an image or markdown`);
      assert.match(file!, /^media\/walkthrough\//);
      assert.ok(fs.existsSync(path.join(root, file!)), `${file} exists`);
      if (step.media.image) assert.ok((step.media.altText ?? '').length > 20, `${step.id} has alt text`);
    }
  });

  it('the command that opens it is in the palette as "Cline Companion: Get Started"', () => {
    const command = (manifest.contributes.commands as { command: string; title: string; category: string }[]).find(
      (c) => c.command === CMD.openWalkthrough,
    );
    assert.equal(`${command?.category}: ${command?.title}`, 'Cline Companion: Get Started');
  });
});
