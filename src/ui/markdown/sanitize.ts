/**
 * The one gate between rendered model output and the DOM. Everything marked produces goes through
 * DOMPurify with an allow-list made for chat answers, and comes back as a DocumentFragment: the HTML
 * string is parsed only by DOMPurify (in an inert document), never assigned to `innerHTML` here.
 *
 * Defence in depth: the markdown renderer already escapes raw HTML and turns images into text, and the
 * CSP blocks inline scripts and remote loads. This layer holds even if one of those fails.
 */
import DOMPurify from 'dompurify';
import { isOpenableLink } from '../../protocol/linkPolicy';

const ALLOWED_TAGS = [
  'a',
  'b',
  'blockquote',
  'br',
  'code',
  'del',
  'div',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'kbd',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
];
const ALLOWED_ATTR = ['href', 'title', 'class', 'align', 'start', 'data-lang'];

/**
 * Classes our renderer and highlight.js emit. Anything else is dropped so model text can't borrow the
 * app's own classes (a fake "Set API Key" button, an overlay) even if it got through as HTML.
 */
const SAFE_CLASS = /^(?:hljs(?:-[\w-]+)?|language-[\w+#.-]+|md-[\w-]+|code-block|code-open|[\w-]+_)$/;

const CONFIG = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  RETURN_DOM_FRAGMENT: true,
} as const;

let configured = false;
/** Hooks and config once: parsing the config on every call is a measurable share of a streaming frame. */
function configure(): void {
  if (configured) return;
  configured = true;
  DOMPurify.setConfig(CONFIG);
  DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'class') {
      data.attrValue = data.attrValue
        .split(/\s+/)
        .filter((c) => SAFE_CLASS.test(c))
        .join(' ');
    }
  });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href');
      // Only links the host opens stay links (javascript:, data:, relative… lose their href).
      if (href !== null && !isOpenableLink(href)) node.removeAttribute('href');
    }
  });
}

/** Sanitise an HTML string into a fragment that is safe to insert. */
export function sanitizeToFragment(html: string): DocumentFragment {
  configure();
  // setConfig holds RETURN_DOM_FRAGMENT, which the no-config overload's type doesn't know.
  return DOMPurify.sanitize(html) as unknown as DocumentFragment;
}
