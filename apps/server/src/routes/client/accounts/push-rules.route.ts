import { notFound } from '@courier/shared-matrix-errors';
import { defaultPushRules, isPushRuleKind, type Requester } from '@courier/server-domain';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';

function findRule(requester: Requester, p: { scope: string; kind: string; ruleId: string }) {
  const rules = defaultPushRules(requester.userId);
  const rule = p.scope === 'global' && isPushRuleKind(p.kind) ? rules[p.kind].find((r) => r.rule_id === p.ruleId) : undefined;
  if (!rule) throw notFound('Push rule not found');
  return rule;
}

/**
 * GET /pushrules/ and /pushrules/global/ (push_rules.yaml; the trailing slash is the spec's
 * path, the bare form is an alias), and single rules. Rules are the server defaults, computed
 * per user; changing them is not supported yet. GET /pushers (pusher.yaml) lists none (no push
 * gateway support), so clients' notification settings pages load.
 */
export const pushRulesHandlers = {
  getPushRules: async ({ requester }) => specShaped({ global: defaultPushRules(requester.userId) }),
  getPushRulesGlobal: async ({ requester }) => specShaped(defaultPushRules(requester.userId)),
  getPushRule: async ({ params, requester }) => specShaped(findRule(requester, params)),
  isPushRuleEnabled: async ({ params, requester }) => ({ enabled: findRule(requester, params).enabled }),
  getPushRuleActions: async ({ params, requester }) => specShaped({ actions: findRule(requester, params).actions }),
  getPushers: async () => ({ pushers: [] }),
} satisfies MatrixHandlerGroup;
