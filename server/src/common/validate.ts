import { id, summarizeIssues, toFieldIssues, type z } from '@hongyuan/shared';
import { DomainError } from './errors';

/**
 * Parses a request body or query with a schema from shared/. Schemas are strict, so a field
 * the route does not take is refused, never silently applied.
 */
export function parse<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const issues = toFieldIssues(result.error, schema);
    throw new DomainError('VALIDATION', summarizeIssues(issues), { issues });
  }
  return result.data;
}

/** The :id of a route: "abc" or "-1" is a 400, an unknown id is the service's 404. */
export function idParam(raw: unknown, label = '编号'): number {
  return parse(id(label), raw);
}
