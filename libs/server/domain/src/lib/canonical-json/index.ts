export { canonicalJson } from './canonical-json';
export { compareCodePoints } from './compare-code-points';
export { DEFAULT_MAX_JSON_DEPTH } from './json-limits';
export { parseStrictJson, type ParseStrictJsonOptions } from './parse-strict-json';
