/**
 * What the chat may do in the editor on the user's click. The webview only ever supplies text: it
 * never names a path or a document, and links open only as the chat's link policy allows
 * (src/protocol/linkPolicy.ts), after asking.
 */
import * as vscode from 'vscode';
import { checkLink } from '../../protocol/linkPolicy';

export class EditorActions implements vscode.Disposable {
  private lastTextEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
    // Focusing the chat leaves no active editor; remember the last real one for "Insert at Cursor".
    if (editor) this.lastTextEditor = editor;
  });

  async copy(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Copied')}`, 2000);
  }

  /** Inserts into the last active text editor, replacing its selections, and focuses it. */
  async insertAtCursor(code: string): Promise<boolean> {
    const editor = this.lastTextEditor;
    const open = editor && vscode.window.visibleTextEditors.some((e) => e.document === editor.document);
    if (!editor || !open || editor.document.isClosed) {
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Open a text editor to insert the code into.'),
        vscode.l10n.t('Open in New Editor'),
      );
      if (choice) await this.openInEditor(code, 'plaintext');
      return false;
    }
    const done = await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, blockAware(code, editor.document, selection));
    });
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    return done;
  }

  async openInEditor(code: string, language: string): Promise<void> {
    const known = await vscode.languages.getLanguages();
    const id = known.includes(language) ? language : (LANGUAGE_ALIASES[language.toLowerCase()] ?? 'plaintext');
    const doc = await vscode.workspace.openTextDocument({ content: code, language: known.includes(id) ? id : 'plaintext' });
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  /**
   * Opens a link the link policy allows: http(s) through VS Code, which asks before a domain the user has
   * not trusted; mailto after asking here (VS Code does not). Any other link is refused, and the user is
   * told so. Returns whether the link was opened.
   */
  async openLink(href: string): Promise<boolean> {
    const link = checkLink(href);
    if (!link.ok) {
      void vscode.window.showWarningMessage(link.message);
      return false;
    }
    if (link.scheme === 'mailto:') {
      const openMail = vscode.l10n.t('Open Mail App');
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('Open this email link in your mail app?'),
        { modal: true, detail: link.url },
        openMail,
      );
      if (choice !== openMail) return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(link.url, true));
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/**
 * A multi-line block inserted at the start of a line (an empty selection at column 0) gets a line
 * break after it, so it does not run into the code that was there.
 */
function blockAware(code: string, document: vscode.TextDocument, selection: vscode.Selection): string {
  const atLineStart = selection.isEmpty && selection.start.character === 0;
  const lineHasText = document.lineAt(selection.start.line).text.trim() !== '';
  return atLineStart && lineHasText && code.includes('\n') && !code.endsWith('\n') ? `${code}\n` : code;
}

/** Fence names models use that are not VS Code language ids. */
const LANGUAGE_ALIASES: Record<string, string> = {
  ts: 'typescript',
  js: 'javascript',
  py: 'python',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  console: 'shellscript',
  yml: 'yaml',
  md: 'markdown',
  rs: 'rust',
  rb: 'ruby',
  cs: 'csharp',
  'c#': 'csharp',
  'c++': 'cpp',
  kt: 'kotlin',
  tsx: 'typescriptreact',
  jsx: 'javascriptreact',
  html: 'html',
  text: 'plaintext',
};
