import { z } from 'zod';

/** The body of every error answer: a stable code and one human sentence. */
export const ErrorReply = z.object({ error: z.string(), message: z.string() }).loose();

/** Paging parameters shared by the listings. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(200).optional(),
});

export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
