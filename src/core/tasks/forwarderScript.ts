/**
 * The text of our hook scripts ("forwarders"), one per Cline hook event. Cline runs a hook file named after
 * the event (`TaskStart`, or `TaskStart.ps1` on Windows) with the event as JSON on stdin, and waits for it
 * before it goes on, so a forwarder must be tiny, need nothing the user may lack (`sh`, or PowerShell on
 * Windows: no Node, `nc` or `jq`), print nothing of its own and always succeed.
 *
 * Transport: a spool folder. The companion of a window puts its folder's path in the extension host's
 * environment (`CLINE_COMPANION_EVENTS_DIR`); Cline runs hooks with that same environment, so the event of a
 * window's Cline lands in that window's folder and nowhere else. The forwarder writes the payload to a hidden
 * temp file there and renames it to `*.json` (atomic), which the companion watches. No variable or no
 * folder (Cline CLI, another editor, the companion disabled or uninstalled): it reads stdin and exits 0.
 *
 * A user's own hook for the same event is chained, not replaced: it is renamed to `<Event>.chained-by-cline-companion`
 * (`…-companion.ps1` on Windows) next to ours, and the forwarder runs it with the same stdin, passing its
 * stdout and exit status through unchanged. Disconnect renames it back, so the user's file comes back byte
 * for byte with its permissions.
 * Pure: text in, text out.
 */

/** The environment variable the companion sets at activation and the forwarders read. */
export const EVENTS_DIR_ENV = 'CLINE_COMPANION_EVENTS_DIR';
/** The first line after the shebang of every forwarder: how we recognise our own files. */
const FORWARDER_MARKER = 'cline-companion-forwarder';
/** Bumped when the script text changes, so Connect replaces older forwarders. */
export const FORWARDER_VERSION = 1;
/** What a chained user hook is renamed to (the event name is prepended). */
const CHAINED_SUFFIX = '.chained-by-cline-companion';

export type ScriptPlatform = 'sh' | 'powershell';

export interface ForwarderSpec {
  event: string;
  platform: ScriptPlatform;
  /** Our extension's id and version, written into the header. */
  extensionId: string;
  extensionVersion: string;
  /** Absolute path of the user's hook we chain, if any. */
  chainedPath?: string;
}

export interface ForwarderHeader {
  version: number;
  chainedPath?: string;
}

/** File name of the hook for `event` (what Cline looks for). */
export function hookFileName(event: string, platform: ScriptPlatform): string {
  return platform === 'powershell' ? `${event}.ps1` : event;
}

/** File name a chained user hook is moved to. On Windows it keeps `.ps1`, so PowerShell can run it. */
export function chainedFileName(event: string, platform: ScriptPlatform): string {
  return platform === 'powershell' ? `${event}${CHAINED_SUFFIX}.ps1` : `${event}${CHAINED_SUFFIX}`;
}

const shQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const psQuote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

function headerLines(spec: ForwarderSpec): string[] {
  return [
    `${FORWARDER_MARKER} v${FORWARDER_VERSION} (${spec.extensionId} ${spec.extensionVersion}), event ${spec.event}`,
    '',
    'Written by the Cline Companion VS Code extension ("Cline Companion: Connect Cline Task Events").',
    `It tells Cline Companion, in the VS Code window whose Cline runs it, that Cline fired ${spec.event}.`,
    'It changes nothing in Cline: it prints nothing of its own and always succeeds.',
    spec.chainedPath
      ? `Your own ${spec.event} hook was moved next to it and still runs, with the same input, output and exit status:`
      : 'It chains no other hook.',
    ...(spec.chainedPath ? [`chained: ${spec.chainedPath}`] : []),
    '',
    'To remove it: run "Cline Companion: Disconnect Cline Task Events" (it also moves your hook back),',
    'or delete this file (then rename your hook, if one is chained above, back to this name).',
    'Without Cline Companion running, it does nothing but run the chained hook.',
  ];
}

export function forwarderScript(spec: ForwarderSpec): string {
  return spec.platform === 'powershell' ? powershellForwarder(spec) : shForwarder(spec);
}

function shForwarder(spec: ForwarderSpec): string {
  const header = headerLines(spec).map((l) => (l ? `# ${l}` : '#'));
  // The payload goes to a temp file in the window's spool folder. With a chained hook, the file is opened as
  // fd 3 *before* the rename publishes it (the companion deletes it once read), so that hook can still read it.
  const deliver = [
    `d="\${${EVENTS_DIR_ENV}:-}"`,
    't=""',
    // The shell's pid names the temp file: unique while this hook runs, and one process fewer than mktemp.
    'if [ -n "$d" ] && [ -d "$d" ]; then t="$d/.ev.$$"; fi',
  ];
  if (!spec.chainedPath) {
    return [
      '#!/bin/sh',
      ...header,
      ...deliver,
      'if [ -n "$t" ]; then',
      '  cat > "$t" 2>/dev/null && mv -f "$t" "$t.json" 2>/dev/null || rm -f "$t" 2>/dev/null',
      'else',
      '  cat > /dev/null 2>&1',
      'fi',
      'exit 0',
      '',
    ].join('\n');
  }
  return [
    '#!/bin/sh',
    ...header,
    `u=${shQuote(spec.chainedPath)}`,
    ...deliver,
    'if [ -n "$t" ] && cat > "$t" 2>/dev/null; then',
    '  s=0',
    '  { mv -f "$t" "$t.json" 2>/dev/null || rm -f "$t" 2>/dev/null; if [ -x "$u" ]; then "$u" <&3; s=$?; fi; } 3< "$t"',
    '  exit $s',
    'fi',
    '[ -n "$t" ] && rm -f "$t" 2>/dev/null',
    // No companion listening (or the spool failed): the user's hook gets stdin directly.
    'if [ -x "$u" ]; then exec "$u"; fi',
    'cat > /dev/null 2>&1',
    'exit 0',
    '',
  ].join('\n');
}

function powershellForwarder(spec: ForwarderSpec): string {
  const header = headerLines(spec).map((l) => (l ? `# ${l}` : '#'));
  const lines = [
    ...header,
    '$ErrorActionPreference = "SilentlyContinue"',
    '$payload = [Console]::In.ReadToEnd()',
    `$d = $env:${EVENTS_DIR_ENV}`,
    'if ($d -and (Test-Path -LiteralPath $d -PathType Container)) {',
    '  try {',
    "    $t = Join-Path $d ('.ev.' + [guid]::NewGuid().ToString('N'))",
    '    [IO.File]::WriteAllText($t, $payload, (New-Object Text.UTF8Encoding $false))',
    "    Move-Item -LiteralPath $t -Destination ($t + '.json') -Force",
    '  } catch { }',
    '}',
  ];
  if (spec.chainedPath) {
    lines.push(
      `$u = ${psQuote(spec.chainedPath)}`,
      'if (Test-Path -LiteralPath $u) {',
      // The way Cline runs a hook on Windows, so the user's script sees what it saw before.
      '  $payload | & powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $u',
      '  exit $LASTEXITCODE',
      '}',
    );
  }
  lines.push('exit 0', '');
  return lines.join('\r\n');
}

/** Reads our header from a hook file's text: undefined when the file is not one of ours. */
export function readForwarderHeader(text: string): ForwarderHeader | undefined {
  const head = text.slice(0, 4096);
  const marker = new RegExp(`^#\\s*${FORWARDER_MARKER} v(\\d+)`, 'm').exec(head);
  if (!marker) return undefined;
  const chained = /^#\s*chained: (.+?)\r?$/m.exec(head);
  return { version: Number(marker[1]), ...(chained ? { chainedPath: chained[1] } : {}) };
}
