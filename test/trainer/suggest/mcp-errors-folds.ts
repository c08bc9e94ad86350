/**
 * The labelled MCP failure messages (../shared/data/mcp-errors, read in place) in stratified folds.
 * The shared set holds one labelled file, so a train and a dev split are made from it: the n-th message
 * of each category, in file order, goes to fold n mod FOLDS. Every fold then holds about a quarter of
 * every category, and each message is dev exactly once across the folds.
 */
import { readMcpErrors, type LabelledMessage } from '../../helpers/shared-data.js';

export const FOLDS = 4;

export interface Fold {
  train: LabelledMessage[];
  dev: LabelledMessage[];
}

export function mcpErrorFolds(): Fold[] {
  const messages = readMcpErrors();
  const seen = new Map<string, number>();
  const foldOf = messages.map((message) => {
    const position = seen.get(message.category) ?? 0;
    seen.set(message.category, position + 1);
    return position % FOLDS;
  });
  return Array.from({ length: FOLDS }, (_, fold) => ({
    train: messages.filter((_, index) => foldOf[index] !== fold),
    dev: messages.filter((_, index) => foldOf[index] === fold),
  }));
}

export const examplesOf = (messages: readonly LabelledMessage[]) =>
  messages.map((message) => ({ text: message.message, category: message.category }));
