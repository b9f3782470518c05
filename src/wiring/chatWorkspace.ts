/**
 * The Quick Chat's view of the workspace, built for the chat's lazily loaded part (chatChunk.ts): the
 * read-only tools, the `@` list and the reading of mentions, and whether they may be used now. Everything
 * here is checked on the host on every use (Restricted Mode, `chat.tools.enabled`), not only shown in the view.
 */
import * as vscode from 'vscode';
import { setting } from '../adapters/settings/config';
import { FileFilters } from '../adapters/workspace/fileFilters';
import { MentionIndex } from '../adapters/workspace/mentionIndex';
import { mentionReaders } from '../adapters/workspace/mentionReaders';
import { VscodeWorkspaceAccess } from '../adapters/workspace/workspaceAccess';
import { onWorkspaceStateChange, workspaceState } from '../adapters/workspace/workspaceState';
import { resolveMentions } from '../core/chat/mentionContent';
import type { ToolApprovalMode, ToolRunner } from '../core/tools/toolTypes';
import { WorkspaceTools } from '../core/tools/workspaceTools';
import type { ContextChip, Mention, MentionSuggestion, WorkspaceState } from '../protocol/chatProtocol';

export interface ChatWorkspace {
  access: VscodeWorkspaceAccess;
  tools: WorkspaceTools;
  state(): WorkspaceState;
  suggestMentions(query: string): Promise<MentionSuggestion[]>;
  /** The mentions of a message being sent, read now, within `chat.context.maxKB`. */
  readMentions(mentions: readonly Mention[]): Promise<ContextChip[]>;
  /** The tools for the next request, as trust and the settings allow them now; undefined: none. */
  toolsNow(): { runner: ToolRunner; maxRounds: number; approval: ToolApprovalMode } | undefined;
}

/** An unknown value (a typo in settings.json) waits for the user rather than running at once: fail closed. */
function approvalMode(): ToolApprovalMode {
  return setting('chat.tools.approval') === 'auto' ? 'auto' : 'ask';
}

/** `onStateChange` hears when trust, the folders or `chat.tools.enabled` change what the chat may do. */
export function createChatWorkspace(onStateChange: (state: WorkspaceState) => void): {
  workspace: ChatWorkspace;
  disposable: vscode.Disposable;
} {
  const filters = new FileFilters();
  const access = new VscodeWorkspaceAccess(filters);
  const tools = new WorkspaceTools(access);
  const mentionIndex = new MentionIndex(filters);
  const workspace: ChatWorkspace = {
    access,
    tools,
    state: workspaceState,
    suggestMentions: (query) => mentionIndex.suggest(query),
    readMentions: async (mentions) =>
      resolveMentions(mentions, await mentionReaders(filters), Math.max(1, setting('chat.context.maxKB')) * 1024),
    toolsNow: () =>
      access.enabled()
        ? { runner: tools, maxRounds: Math.max(1, Math.floor(setting('chat.tools.maxRounds'))), approval: approvalMode() }
        : undefined,
  };
  return { workspace, disposable: vscode.Disposable.from(filters, mentionIndex, onWorkspaceStateChange(onStateChange)) };
}
