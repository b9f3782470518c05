/**
 * The document's symbols from whatever symbol provider the language has
 * (`vscode.executeDocumentSymbolProvider`), as the plain tree the lens core and `symbolAt` read.
 * Providers return either nested `DocumentSymbol`s or flat `SymbolInformation`s; both are handled.
 */
import * as vscode from 'vscode';
import type { LensSymbol } from '../../core/scanners/symbolLenses';

type ProviderSymbol = vscode.DocumentSymbol | vscode.SymbolInformation;

function isDocumentSymbol(s: ProviderSymbol): s is vscode.DocumentSymbol {
  return 'selectionRange' in s && 'range' in s;
}

function toLensSymbol(s: ProviderSymbol): LensSymbol {
  if (isDocumentSymbol(s)) {
    return {
      name: s.name,
      kind: s.kind,
      range: { startLine: s.range.start.line, endLine: s.range.end.line },
      selectionRange: {
        startLine: s.selectionRange.start.line,
        startCharacter: s.selectionRange.start.character,
        endLine: s.selectionRange.end.line,
        endCharacter: s.selectionRange.end.character,
      },
      children: s.children.length > 0 ? s.children.map(toLensSymbol) : undefined,
    };
  }
  const r = s.location.range;
  return {
    name: s.name,
    kind: s.kind,
    range: { startLine: r.start.line, endLine: r.end.line },
    selectionRange: { startLine: r.start.line, startCharacter: r.start.character },
  };
}

/** [] when the language has no symbol provider, or it fails. */
export async function documentSymbols(uri: vscode.Uri): Promise<LensSymbol[]> {
  try {
    const result = await vscode.commands.executeCommand<ProviderSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
    return (result ?? []).filter((s) => s && typeof s === 'object').map(toLensSymbol);
  } catch {
    return [];
  }
}
