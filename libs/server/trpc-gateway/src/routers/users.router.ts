import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { createUser, deactivateUser, requireUser, resetUserPassword, setUserAdmin } from '@courier/server-domain';
import { scopedProcedure } from '../trpc';
import { listInput, userIdInput } from '../lib/inputs';

const passwordInput = z.string().min(1).max(512);

export const usersRouter = {
  /** users.list: local accounts by user ID, with admin, deactivated and locked flags. */
  list: scopedProcedure('users:admin')
    .input(listInput)
    .query(({ ctx, input }) => ctx.services.admin.listUsers(input)),

  /** users.create: a local user with a password (the CLI's create-user, without a session). */
  create: scopedProcedure('users:admin')
    .input(z.object({ localpart: z.string().min(1).max(200), password: passwordInput, admin: z.boolean().default(false), displayname: z.string().max(255).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { serverName, now, accounts } = ctx.services;
      const userId = await createUser(accounts, { localpart: input.localpart, password: input.password, isAdmin: input.admin, displayname: input.displayname, serverName, now: now() });
      return { userId };
    }),

  /** users.deactivate: marks the account deactivated and revokes every access token it has. */
  deactivate: scopedProcedure('users:admin')
    .input(z.object({ userId: userIdInput }))
    .mutation(async ({ ctx, input }) => ({ userId: input.userId, ...(await deactivateUser(ctx.services.accounts, input.userId)) })),

  /** users.setAdmin: grants or removes server admin (which also opens this gateway to the user). */
  setAdmin: scopedProcedure('users:admin')
    .input(z.object({ userId: userIdInput, admin: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await setUserAdmin(ctx.services.accounts, input.userId, input.admin);
      return { userId: input.userId, admin: input.admin };
    }),

  /** users.resetPassword: a new password; by default every token is revoked too (Synapse's default). */
  resetPassword: scopedProcedure('users:admin')
    .input(z.object({ userId: userIdInput, password: passwordInput, logoutDevices: z.boolean().default(true) }))
    .mutation(async ({ ctx, input }) => ({ userId: input.userId, ...(await resetUserPassword(ctx.services.accounts, input)) })),

  /** users.devices: the user's devices, each with how many live access tokens it has. */
  devices: scopedProcedure('users:admin')
    .input(z.object({ userId: userIdInput }))
    .query(async ({ ctx, input }) => {
      await requireUser(ctx.services.accounts, input.userId);
      return { devices: await ctx.services.admin.devicesOf(input.userId) };
    }),
} satisfies TRPCRouterRecord;
