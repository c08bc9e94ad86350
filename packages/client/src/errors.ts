/** The client's one error class: a stable code, a human message and an optional cause. */
export const CLIENT_ERROR_CODES = [
  'USAGE',
  'PACK_REFUSED',
  'PACK_UNREADABLE',
  'KEY_UNREADABLE',
  'INVALID_JSON',
  'INVALID_LINE',
  'EMPTY_LINE',
  'TELEMETRY_STATE',
  'CONFIG_UNREADABLE',
  'NO_CONFIG',
] as const;

export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export class TaphealError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TaphealError';
  }
}
