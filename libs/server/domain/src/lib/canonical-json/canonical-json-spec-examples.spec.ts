import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { parseStrictJson } from './parse-strict-json';
import { thrown } from './testing/thrown';

// Every worked example from the spec's appendices, "Canonical JSON" > "Examples", verbatim.
const EXAMPLES: ReadonlyArray<readonly [input: string, canonical: string]> = [
  ['{}', '{}'],
  ['{\n    "one": 1,\n    "two": "Two"\n}', '{"one":1,"two":"Two"}'],
  ['{\n    "b": "2",\n    "a": "1"\n}', '{"a":"1","b":"2"}'],
  ['{"b":"2","a":"1"}', '{"a":"1","b":"2"}'],
  [
    `{
    "auth": {
        "success": true,
        "mxid": "@john.doe:example.com",
        "profile": {
            "display_name": "John Doe",
            "three_pids": [
                {
                    "medium": "email",
                    "address": "john.doe@example.org"
                },
                {
                    "medium": "msisdn",
                    "address": "123456789"
                }
            ]
        }
    }
}`,
    '{"auth":{"mxid":"@john.doe:example.com","profile":{"display_name":"John Doe","three_pids":[{"address":"john.doe@example.org","medium":"email"},{"address":"123456789","medium":"msisdn"}]},"success":true}}',
  ],
  ['{\n    "a": "日本語"\n}', '{"a":"日本語"}'],
  ['{\n    "本": 2,\n    "日": 1\n}', '{"日":1,"本":2}'],
  ['{\n    "a": "\\u65E5"\n}', '{"a":"日"}'],
  ['{\n    "a": null\n}', '{"a":null}'],
];

describe('canonical JSON: the spec appendix examples', () => {
  it.each(EXAMPLES)('%s', (input, canonical) => {
    expect(canonicalJson(parseStrictJson(input))).toBe(canonical);
  });

  it('encodes -0 as 0 and 1e10 as 10000000000 once they are numbers', () => {
    // The spec's last example. Its input is not canonical JSON itself, so a client sending it
    // gets M_BAD_JSON; the example is about encoding values a server already holds.
    const input = '{\n    "a": -0,\n    "b": 1e10\n}';
    expect(canonicalJson(JSON.parse(input))).toBe('{"a":0,"b":10000000000}');
    expect(thrown(() => parseStrictJson(input))).toMatchObject({ errcode: 'M_BAD_JSON', status: 400 });
  });
});
