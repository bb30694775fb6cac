export { redactEvent } from './redact-event';
export { redactionRulesFor } from './redaction-rules-for';
export type { ContentRule, RedactionRules } from './redaction-rules';
