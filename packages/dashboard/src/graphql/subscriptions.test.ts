import { Kind, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';

/*
 * Resuming from the last cursor only works if a subscription passes `after` to the server: the
 * client sets the `after` variable (resumable.ts), but an operation that does not declare `$after`
 * and hand it to its field would silently drop it. So every subscription document in the dashboard,
 * found by importing every module, must do both.
 */

const modules = import.meta.glob(
  ['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../main.tsx', '!../**/*.d.ts'],
  {
    eager: true,
  },
);

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && (value as DocumentNode).kind === Kind.DOCUMENT;
}

const subscriptions = Object.entries(modules).flatMap(([path, exports]) =>
  Object.entries(exports as Record<string, unknown>).flatMap(([name, value]) => {
    if (!isDocument(value)) return [];
    const operation = value.definitions.find(
      (d): d is OperationDefinitionNode =>
        d.kind === Kind.OPERATION_DEFINITION && d.operation === 'subscription',
    );
    return operation ? [{ where: `${path}: ${name}`, operation }] : [];
  }),
);

describe('subscription documents', () => {
  it('are found (the page subscriptions at least)', () => {
    expect(subscriptions.map((s) => s.where).join('\n')).toMatch(/BedBoardChanged/);
    expect(subscriptions.length).toBeGreaterThanOrEqual(3);
  });

  it.each(subscriptions.map((s) => [s.where, s.operation] as const))(
    '%s declares $after: String and passes it to its field',
    (_where, operation) => {
      const variables = operation.variableDefinitions?.map(
        (v) => `$${v.variable.name.value}: ${print(v.type)}`,
      );
      expect(variables).toContain('$after: String');
      for (const selection of operation.selectionSet.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        const after = selection.arguments?.find((a) => a.name.value === 'after');
        expect(after && print(after.value), selection.name.value).toBe('$after');
      }
    },
  );
});
