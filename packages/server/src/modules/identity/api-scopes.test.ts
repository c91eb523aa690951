import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildYilianSchema } from '../../graphql/schema.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { API_KEY_ROOT_FIELDS, ApiScope, nestedFieldRefusal, rootFieldRefusal } from './api-scopes.js';

const scopes = (...list: ApiScope[]) => new Set(list);
const ID = '6f1c1d7e-8a38-4c39-9d1e-2f3a4b5c6d7e';

describe('API key scopes', () => {
  it('name only root fields the schema has, and types it has', async () => {
    const schema = await buildYilianSchema();
    for (const field of API_KEY_ROOT_FIELDS) {
      const [type, name] = field.split('.') as [string, string];
      const root = schema.getType(type);
      expect(isObjectType(root) && root.getFields()[name], field).toBeTruthy();
    }
    for (const type of ['Referral', 'Patient', 'ReferralEvent', 'ReferralTimelineEntry'])
      expect(schema.getType(type), type).toBeDefined();
  });

  it('refuse what is not listed, administration included', () => {
    const all = scopes(...Object.values(ApiScope));
    for (const field of [
      'Mutation.issueApiKey',
      'Query.auditLog',
      'Mutation.setReferralDeadlines',
      'Query.x',
    ])
      expect(rootFieldRefusal(all, field, {})).toMatch(/not available to API keys/);
    expect(rootFieldRefusal(scopes(), 'Query.viewer', {})).toBeNull();
  });

  it('need the scope of what a field returns: node by the type of its ID, a booking by its slot', () => {
    const capacity = scopes(ApiScope.CAPACITY_READ);
    expect(rootFieldRefusal(capacity, 'Query.node', { id: toGlobalId('Bed', ID) })).toBeNull();
    expect(rootFieldRefusal(capacity, 'Query.node', { id: toGlobalId('Patient', ID) })).toMatch(
      /REFERRALS_READ/,
    );
    const writer = scopes(ApiScope.REFERRALS_WRITE);
    expect(rootFieldRefusal(writer, 'Mutation.createReferral', { input: {} })).toBeNull();
    expect(rootFieldRefusal(writer, 'Mutation.createReferral', { input: { slotId: 'x' } })).toMatch(
      /SLOTS_BOOK/,
    );
    expect(nestedFieldRefusal(capacity, 'Referral')).toMatch(/REFERRALS_READ/);
    expect(nestedFieldRefusal(capacity, 'Bed')).toBeNull();
    expect(nestedFieldRefusal(scopes(ApiScope.REFERRALS_READ), 'Patient')).toBeNull();
  });
});
