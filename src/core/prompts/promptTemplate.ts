/** What a prompt template is, for built-in and user templates alike. */

/**
 * What a template acts on; the UI uses it to decide where to offer the template. `workspace`: nothing in the
 * editor (Review Changes); such a template renders from a `WorkspacePromptContext` alone.
 */
type TemplateScope = 'selection' | 'symbol' | 'file' | 'todo' | 'diagnostic' | 'workspace';

export interface PromptTemplate {
  id: string;
  title: string;
  /** The text, with `{{placeholder}}`s. */
  prompt: string;
  /** A codicon name, without the `$()` wrapper. */
  icon?: string;
  scope?: TemplateScope;
}

export interface BuiltInTemplate extends PromptTemplate {
  icon: string;
  scope: TemplateScope;
}
