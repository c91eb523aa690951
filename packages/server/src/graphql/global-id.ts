import { badInput } from '../domain/errors.js';

/** The types that implement Node; their GraphQL names equal their entity class names. */
export const NODE_TYPES = [
  'Alliance',
  'Institution',
  'Department',
  'Bed',
  'Practitioner',
  'Slot',
  'Patient',
  'Referral',
] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Relay global ID: base64url of `Type:uuid`, opaque to clients. */
export function toGlobalId(type: NodeTypeName, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export function nodeTypeOf(value: object): NodeTypeName | undefined {
  const name = value.constructor.name;
  return (NODE_TYPES as readonly string[]).includes(name) ? (name as NodeTypeName) : undefined;
}

/** Decodes a global ID without checking its type; null when it is not one of ours. */
export function decodeGlobalId(globalId: string): { type: NodeTypeName; id: string } | null {
  if (globalId.length === 0 || globalId.length > 200 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  const type = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  if (colon < 0 || !(NODE_TYPES as readonly string[]).includes(type) || !UUID.test(id)) return null;
  return { type: type as NodeTypeName, id };
}

/**
 * Decodes a global ID that must name a `type`; answers BAD_USER_INPUT naming the argument otherwise,
 * so a malformed or mistyped ID is the caller's error, never a 500.
 */
export function parseGlobalId(globalId: string, type: NodeTypeName, field: string): string {
  const decoded = decodeGlobalId(globalId);
  if (!decoded) throw badInput(field, `${field} is not a valid ID`);
  if (decoded.type !== type)
    throw badInput(field, `${field} must be the ID of a ${type}, not of a ${decoded.type}`);
  return decoded.id;
}
