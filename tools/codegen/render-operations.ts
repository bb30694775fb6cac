/**
 * Renders libs/shared/api-client/src/generated/operations.gen.ts: a const table of every operation
 * (operationId → method, basePath, path, fullPath, pathParams, auth, spec file). The client's
 * helpers and the server's routes read routes from it instead of retyping URL strings.
 */
import { header } from './render-types';
import type { SpecFile } from './spec-files';

const str = (s: string) => JSON.stringify(s);

export function renderOperations(files: SpecFile[]): string {
  const entries = files.flatMap((f) =>
    f.operations.map((op) =>
      [
        `    ${op.operationId}: {`,
        `        method: ${str(op.method)},`,
        `        basePath: ${str(f.basePath)},`,
        `        path: ${str(op.path)},`,
        `        fullPath: ${str(f.basePath + op.path)},`,
        `        pathParams: [${op.pathParams.map(str).join(', ')}],`,
        `        auth: ${str(op.auth)},`,
        `        spec: ${str(f.relPath)},`,
        '    },',
      ].join('\n'),
    ),
  );
  return [
    header('spec/client-server/*.yaml'),
    '/**',
    ' * Every Client-Server operation, keyed by operationId; ordered by spec file, then path, then method.',
    ' * `path` is as written in the spec, relative to `basePath` (the file\'s servers[0] basePath);',
    ' * `fullPath` is their concatenation, the key of the operation in api-types\' `paths`.',
    ' * `auth`: "required" (access token), "optional" or "none", from the operation\'s `security`.',
    ' */',
    'export const OPERATIONS = {',
    ...entries,
    '} as const;',
    '',
    'export type OperationName = keyof typeof OPERATIONS;',
    'export type OperationSpec = (typeof OPERATIONS)[OperationName];',
    '',
  ].join('\n');
}
