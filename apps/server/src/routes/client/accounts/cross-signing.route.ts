import { uploadCrossSigningKeys, uploadSignatures } from '@courier/server-feature-accounts';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';

/**
 * Cross-signing (cross_signing.yaml): POST /keys/device_signing/upload (UIA with the password
 * once keys exist) and POST /keys/signatures/upload (ed25519-checked, per-key failures).
 */
export const crossSigningHandlers = {
  uploadCrossSigningKeys: async ({ body, requester, ctx }) =>
    specShaped(await uploadCrossSigningKeys(ctx.services.accounts, requester, body, ctx.request.ip)),
  uploadCrossSigningSignatures: async ({ body, requester, ctx }) => specShaped(await uploadSignatures(ctx.services.accounts, requester, body)),
} satisfies MatrixHandlerGroup;
