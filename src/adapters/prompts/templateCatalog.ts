/**
 * Built-in templates plus the user's (`clineCompanion.prompts`), validated once per change of the setting.
 * Problems with user templates are logged, and shown once per change with a way to the setting.
 */
import * as vscode from 'vscode';
import { promptSettings } from '../settings/promptSettings';
import type { Log } from '../log';
import { BUILT_IN_TEMPLATES, validateUserTemplates, type PromptTemplate } from '../../core/prompts';

export class TemplateCatalog {
  private lastRaw: string | undefined;
  private user: PromptTemplate[] = [];

  constructor(private readonly log: Log) {}

  builtIn(): PromptTemplate[] {
    return Object.values(BUILT_IN_TEMPLATES);
  }

  userTemplates(): PromptTemplate[] {
    const raw = promptSettings.userTemplatesRaw();
    const key = JSON.stringify(raw) ?? '';
    if (key !== this.lastRaw) {
      this.lastRaw = key;
      const { templates, problems } = validateUserTemplates(raw);
      this.user = templates;
      for (const p of problems) this.log.warn(`clineCompanion.prompts: ${p}`);
      if (problems.length > 0) {
        void vscode.window
          .showWarningMessage(
            problems.length > 1
              ? vscode.l10n.t(
                  'Some of your prompt templates were skipped: {0} (and {1} more; see the log)',
                  problems[0],
                  problems.length - 1,
                )
              : vscode.l10n.t('Some of your prompt templates were skipped: {0}', problems[0]),
            vscode.l10n.t('Open Settings'),
          )
          .then((pick) => (pick ? vscode.commands.executeCommand('workbench.action.openSettings', 'clineCompanion.prompts') : undefined));
      }
    }
    return this.user;
  }

  all(): PromptTemplate[] {
    return [...this.builtIn(), ...this.userTemplates()];
  }

  get(id: string): PromptTemplate | undefined {
    return this.all().find((t) => t.id === id);
  }
}
