import type { PreparedCall, ToolCallInput, ToolDefinition, ToolOutcome, ToolRunner } from '../../../src/core/tools/toolTypes';

/**
 * A stand-in for the workspace tools (the real ones are core/tools' WorkspaceTools): one `read_file` tool over
 * an imaginary workspace. A path starting with `..` is refused as outside; `protectedPaths` need an Allow; each
 * run is recorded; `run` can be replaced to hang, fail or watch its signal.
 */
export class FakeToolRunner implements ToolRunner {
  /** The paths read, in order. */
  readonly runs: string[] = [];
  readonly protectedPaths = new Set<string>(['.env']);
  /** Replaces the default run (which returns `contents of <path>` at once). */
  runImpl: ((path: string, signal: AbortSignal) => Promise<ToolOutcome>) | undefined;

  definitions(): ToolDefinition[] {
    return [
      {
        type: 'function',
        function: {
          name: 'read_file',
          description: 'Read a file of the workspace.',
          parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
        },
      },
    ];
  }

  async prepare(call: ToolCallInput): Promise<PreparedCall> {
    let path: unknown;
    try {
      path = (JSON.parse(call.arguments) as { path?: unknown }).path;
    } catch {
      return refused('Invalid arguments: not JSON.');
    }
    if (call.name !== 'read_file') return refused(`There is no tool named ${call.name}.`);
    if (typeof path !== 'string') return refused('Invalid arguments: path must be a string.');
    if (path.startsWith('..')) return refused(`${path} is outside the workspace.`);
    return {
      ok: true,
      name: 'read_file',
      protectedPath: this.protectedPaths.has(path) ? path : undefined,
      run: async (signal) => {
        this.runs.push(path);
        if (this.runImpl) return this.runImpl(path, signal);
        return { status: 'done', output: `contents of ${path}`, summary: `${path}, 1 line`, reads: [{ path, startLine: 1, endLine: 1 }] };
      },
    };
  }
}

function refused(output: string): PreparedCall {
  return { ok: false, outcome: { status: 'refused', output, summary: output } };
}
