/** HTTP inputs of the sync endpoints (zod). */
import { z } from 'zod';

export const syncConnectionParamsSchema = z.strictObject({ connectionId: z.uuid() });

/** `GET /api/sync/runs?connectionId=…&limit=…`: a connection's recent runs. */
export const syncRunsQuerySchema = z.strictObject({
  connectionId: z.uuid(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
