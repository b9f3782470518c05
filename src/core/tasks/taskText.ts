/** How tasks and waiting tools are put in words, for the status bar, the view and the notifications. Pure. */
import * as l10n from '@vscode/l10n';
import type { ToolRequest } from './hookPayload';

/** A short human description of a waiting tool: the command line for commands, else `tool: first parameter`. */
export function describeTool(request: ToolRequest): string {
  const p = request.parameters;
  const commands = Array.isArray(p.commands) ? p.commands.filter((c): c is string => typeof c === 'string') : [];
  if (commands.length > 0) return runCommand(commands.join(' && '));
  if (typeof p.command === 'string') return runCommand(p.command);
  // Legacy Cline's approval prompt for a command carries the command line as its message.
  if (request.name === 'command' && typeof p.message === 'string' && p.message) return runCommand(p.message);
  if (typeof p.message === 'string' && p.message) return p.message;
  const first = Object.entries(p).find(([, v]) => typeof v === 'string' && v);
  return first ? `${request.name}: ${String(first[1])}` : request.name;
}

function runCommand(commandLine: string): string {
  return l10n.t('Run `{0}`?', commandLine);
}

/** The first non-empty line of a prompt or result, cut to `max` characters. */
export function firstLine(text: string | undefined, max = 80): string {
  const line =
    (text ?? '')
      .split(/\r?\n/)
      .find((l) => l.trim())
      ?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
