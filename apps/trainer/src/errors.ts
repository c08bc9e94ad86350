/** The trainer library's one error class; callers branch on `code`. */
export const TRAINER_ERROR_CODES = ['TRAINER_BUSY'] as const;
export type TrainerErrorCode = (typeof TRAINER_ERROR_CODES)[number];

export class TrainerError extends Error {
  constructor(
    readonly code: TrainerErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TrainerError';
  }
}
