/**
 * The banner: one sentence about what went wrong and what to do, until the
 * user dismisses it. Errors from the Node side already carry such a sentence
 * (SiglumError); anything else is reduced to its first line, never a stack.
 */
import { createStore } from 'solid-js/store';

export interface NoticeState {
  message: string | null;
}

export interface NoticeActions {
  /** Shows an error (or a sentence), replacing any earlier notice. */
  show(error: unknown, context?: string): void;
  dismiss(): void;
}

export type NoticeStore = [NoticeState, NoticeActions];

/** The sentence a user sees for an error. */
export function sentenceOf(error: unknown, context?: string): string {
  let message: string;
  if (typeof error === 'string') message = error;
  else if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    message = (error as { message: string }).message;
  } else message = 'Something went wrong.';
  const firstLine = message.split('\n')[0]!.trim() || 'Something went wrong.';
  const sentence = /[.!?]$/.test(firstLine) ? firstLine : `${firstLine}.`;
  return context ? `${context}: ${sentence}` : sentence;
}

export function createNoticeStore(): NoticeStore {
  const [state, setState] = createStore<NoticeState>({ message: null });
  return [
    state,
    {
      show: (error, context) => setState('message', sentenceOf(error, context)),
      dismiss: () => setState('message', null),
    },
  ];
}
