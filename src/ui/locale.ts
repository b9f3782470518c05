/**
 * The webview's language. The host writes VS Code's display language into `<html lang>` and embeds its
 * translations (the same bundle the host uses, l10n/bundle.l10n.<language>.json) as a JSON block that never
 * runs; `configureL10n` hands them to `@vscode/l10n` before the app draws anything, and every word of the app
 * goes through `l10n.t`. Numbers, money and dates are written the way that language writes them.
 */
import * as l10n from '@vscode/l10n';
import { L10N_BUNDLE_ID } from '../protocol/chatStrings';

/** Give `@vscode/l10n` the host's translations, if the page has any (none in English). */
export function configureL10n(): void {
  const text = document.getElementById(L10N_BUNDLE_ID)?.textContent;
  if (!text) return;
  try {
    const contents: unknown = JSON.parse(text);
    if (typeof contents === 'object' && contents !== null) l10n.config({ contents: contents as Record<string, string> });
  } catch (error) {
    console.warn('chat: the translations could not be read; the chat speaks English', error);
  }
}

/** The page's language as a locale Intl accepts (`de`, `pt-br`, `zh-cn`), or undefined (the browser's own). */
function pageLocale(): string | undefined {
  const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
  if (!lang) return undefined;
  try {
    return Intl.getCanonicalLocales(lang)[0];
  } catch {
    return undefined;
  }
}

let numbers: Intl.NumberFormat | undefined;
let dates: Intl.DateTimeFormat | undefined;
const money = new Map<number, Intl.NumberFormat>();

/** `1,234` in English, `1.234` in German. */
export function formatNumber(value: number): string {
  numbers ??= new Intl.NumberFormat(pageLocale());
  return numbers.format(value);
}

/** US dollars: `$0.0012` below a dollar (answers are cheap, cents would show $0.00), `$1.25` above; `0,0012 $` in German. */
export function formatCost(cost: number): string {
  const digits = cost < 1 ? 4 : 2;
  let format = money.get(digits);
  if (!format) {
    format = new Intl.NumberFormat(pageLocale(), {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    money.set(digits, format);
  }
  return format.format(cost);
}

/** A conversation's date in the history: month, day and time (`Mar 5, 02:07 PM`, `5. März, 14:07`). */
export function formatDate(time: number): string {
  dates ??= new Intl.DateTimeFormat(pageLocale(), { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return dates.format(new Date(time));
}
