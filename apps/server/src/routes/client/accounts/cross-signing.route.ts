import type { FastifyInstance } from 'fastify';
import { uploadCrossSigningKeys, uploadSignatures } from '@courier/server-feature-accounts';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';

/** POST /keys/device_signing/upload (cross_signing.yaml): UIA with the password once keys exist. */
function deviceSigningUploadRoute(app: FastifyInstance): void {
  app.post('/keys/device_signing/upload', async (request) => {
    const requester = await app.services.authenticate(request);
    return uploadCrossSigningKeys(app.services.accounts, requester, jsonObjectBody(request, { allowEmpty: true }), request.ip);
  });
}

/** POST /keys/signatures/upload (cross_signing.yaml): ed25519-checked signatures, per-key failures. */
function signaturesUploadRoute(app: FastifyInstance): void {
  app.post('/keys/signatures/upload', async (request) => {
    const requester = await app.services.authenticate(request);
    return uploadSignatures(app.services.accounts, requester, jsonObjectBody(request, { allowEmpty: true }));
  });
}

/** Cross-signing (cross_signing.yaml). */
export function crossSigningRoute(app: FastifyInstance): void {
  deviceSigningUploadRoute(app);
  signaturesUploadRoute(app);
}
