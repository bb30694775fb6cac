import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '@courier/shared-matrix-errors';
import { defaultPushRules, isPushRuleKind } from '@courier/server-domain';
import { accountPathParams } from './account-path-params';

/**
 * GET /pushrules/ and /pushrules/global/ (pushrules.yaml; the trailing slash is the spec's
 * path, the bare form is accepted too), and single rules. Rules are the server defaults,
 * computed per user; changing them is not supported yet. GET /pushers lists none (no push
 * gateway support), so clients' notification settings pages load.
 */
export function pushRulesRoute(app: FastifyInstance): void {
  const ruleset = async (request: FastifyRequest) =>
    defaultPushRules((await app.services.authenticate(request)).userId);
  for (const path of ['/pushrules/', '/pushrules']) app.get(path, async (request) => ({ global: await ruleset(request) }));
  for (const path of ['/pushrules/global/', '/pushrules/global']) app.get(path, async (request) => ruleset(request));

  const findRule = async (request: FastifyRequest) => {
    const rules = await ruleset(request);
    const { scope, kind, ruleId } = accountPathParams(request.params, ['scope', 'kind', 'ruleId'] as const);
    const rule = scope === 'global' && isPushRuleKind(kind) ? rules[kind].find((r) => r.rule_id === ruleId) : undefined;
    if (!rule) throw notFound('Push rule not found');
    return rule;
  };
  app.get('/pushrules/:scope/:kind/:ruleId', async (request) => findRule(request));
  app.get('/pushrules/:scope/:kind/:ruleId/enabled', async (request) => ({ enabled: (await findRule(request)).enabled }));
  app.get('/pushrules/:scope/:kind/:ruleId/actions', async (request) => ({ actions: (await findRule(request)).actions }));

  app.get('/pushers', async (request) => {
    await app.services.authenticate(request);
    return { pushers: [] };
  });
}
