/** Public API of the framework model: types, validation, built-ins, canonical hash, version mappings. */
export type * from './model.ts';
export { parseFramework, loadFramework, checkFramework, FrameworkInvalidError } from './validate.ts';
export type { FrameworkIssue, ParseFrameworkResult } from './validate.ts';
export { frameworkSchema, versionMappingSchema } from './schema.ts';
export { canonicalJson, contentHash, sha256Hex } from './canonical.ts';
export { parseVersionMapping, mapCode, previousCodes } from './mapping.ts';
export type { MappingIssue } from './mapping.ts';
export {
  BUILTIN_FRAMEWORK_CODES,
  listBuiltinFrameworks,
  getBuiltinFramework,
  findBuiltinFramework,
  listBuiltinMappings,
} from './registry.ts';
export { importFrameworkJson, exportFrameworkJson, copyFramework, frameworkIdentity } from './io.ts';
export { NODE_KIND_LABELS, INPUT_TYPE_LABELS, PROVENANCE_LABELS, isProvisional } from './labels.ts';
export { Dec, toDec, decString, roundDec, isDecimalValue } from './decimal.ts';
export { diffFrameworks, describeRule } from './diff.ts';
export type { FrameworkChange, FrameworkChangeKind } from './diff.ts';
export {
  findNode,
  listNodes,
  addNode,
  removeNode,
  moveNode,
  updateNode,
  nextChildCode,
  provenanceSummary,
} from './tree.ts';
