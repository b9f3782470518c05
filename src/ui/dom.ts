/**
 * A tiny element builder. The app builds all of its own DOM through this (text via textContent, never
 * innerHTML), so the only HTML parsing in the webview is DOMPurify's, on model output.
 */
type Child = Node | string | null | undefined | false;

export interface ElementProps {
  class?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.text !== undefined) el.textContent = props.text;
  if (props.attrs) {
    for (const [name, value] of Object.entries(props.attrs)) {
      if (value === undefined || value === false) continue;
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  if (props.on) {
    for (const [type, listener] of Object.entries(props.on)) el.addEventListener(type, listener as EventListener);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

/** A codicon (`<span class="codicon codicon-NAME" aria-hidden="true">`). */
export function icon(name: string): HTMLSpanElement {
  return h('span', { class: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

/** An icon button with an accessible name (and a tooltip of the same words). */
export function iconButton(iconName: string, label: string, onClick: (event: MouseEvent) => void, extraClass = ''): HTMLButtonElement {
  return h(
    'button',
    {
      class: `icon-button ${extraClass}`.trim(),
      attrs: { type: 'button', 'aria-label': label, title: label },
      on: { click: onClick },
    },
    icon(iconName),
  );
}
