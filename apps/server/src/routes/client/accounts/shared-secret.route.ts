import { issueRegistrationNonce, sharedSecretRegister } from '@courier/server-feature-accounts';
import type { MatrixHandlerGroup } from '../../matrix/handler-context';

/**
 * Synapse's shared-secret registration admin API (GET and POST /_synapse/admin/v1/register,
 * admin_register.yaml), for register_new_matrix_user and provisioning scripts. Off unless
 * REGISTRATION_SHARED_SECRET is set; the HMAC is the only credential.
 */
export const sharedSecretHandlers = {
  getRegistrationNonce: async ({ ctx }) => issueRegistrationNonce(ctx.services.accounts),
  registerWithSharedSecret: async ({ body, ctx }) => sharedSecretRegister(ctx.services.accounts, body),
} satisfies MatrixHandlerGroup;
