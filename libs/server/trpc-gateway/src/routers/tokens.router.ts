import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { SERVICE_SCOPES, createServiceToken, revokeServiceToken } from '@courier/server-domain';
import { scopedProcedure } from '../trpc';

export const tokensRouter = {
  /** tokens.createServiceToken: the token is in this response only; the server keeps its hash. */
  createServiceToken: scopedProcedure('tokens:admin')
    .input(z.object({ name: z.string().min(1).max(100), scopes: z.array(z.enum(SERVICE_SCOPES)).min(1) }))
    .mutation(({ ctx, input }) => createServiceToken(ctx.services.serviceTokens, { ...input, now: ctx.services.now() })),

  /** tokens.listServiceTokens: every token, revoked ones included, without secrets. */
  listServiceTokens: scopedProcedure('tokens:admin').query(async ({ ctx }) => ({
    tokens: await ctx.services.serviceTokens.list(),
  })),

  /** tokens.revokeServiceToken: the token stops working at once (its next request is 401). */
  revokeServiceToken: scopedProcedure('tokens:admin')
    .input(z.object({ id: z.string().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      await revokeServiceToken(ctx.services.serviceTokens, input.id, ctx.services.now());
      return { id: input.id, revoked: true };
    }),
} satisfies TRPCRouterRecord;
