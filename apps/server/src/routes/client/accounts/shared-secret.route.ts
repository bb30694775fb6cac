import type { FastifyInstance } from 'fastify';
import { issueRegistrationNonce, sharedSecretRegister } from '@courier/server-feature-accounts';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';

/**
 * Synapse's shared-secret registration admin API (GET and POST /_synapse/admin/v1/register),
 * for register_new_matrix_user and provisioning scripts. Off unless REGISTRATION_SHARED_SECRET
 * is set; the HMAC is the only credential.
 */
export function sharedSecretRoute(app: FastifyInstance): void {
  app.get('/_synapse/admin/v1/register', async () => issueRegistrationNonce(app.services.accounts));
  app.post('/_synapse/admin/v1/register', async (request) => sharedSecretRegister(app.services.accounts, jsonObjectBody(request)));
}
