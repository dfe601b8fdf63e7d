import * as vscode from 'vscode';
import { isProviderError } from '../../core/errors';

/**
 * A failed chat as the LanguageModelError callers of `vscode.lm` can branch on: `NoPermissions`
 * for a rejected key or spent quota, `Blocked` for a content filter or a sensitive request that no
 * allowed provider could take, `NotFound` for an unknown model; anything else keeps the message
 * (which says what to do) under the generic code.
 */
export function toLanguageModelError(e: unknown): Error {
  if (!isProviderError(e)) return e instanceof Error ? e : new Error(String(e));
  const message = e.message;
  switch (e.kind) {
    case 'auth':
    case 'quota_exhausted':
      return vscode.LanguageModelError.NoPermissions(message);
    case 'content_filtered':
      return vscode.LanguageModelError.Blocked(message);
    case 'model_not_found':
      return vscode.LanguageModelError.NotFound(message);
    default:
      return e.providerId === 'sensitivity'
        ? vscode.LanguageModelError.Blocked(message)
        : new vscode.LanguageModelError(message);
  }
}
