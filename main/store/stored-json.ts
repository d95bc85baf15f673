// JSON the store keeps in TEXT columns, each kind with the schema it is written and read with,
// so a row that does not hold what the code expects fails where it is read, with the column's name.
import { z } from 'zod';
import { draftData } from '../../preload/contract/schemas/onboarding';

function column<S extends z.ZodType>(name: string, schema: S) {
  return {
    write: (value: z.input<S>): string => JSON.stringify(schema.parse(value)),
    read(text: string): z.output<S> {
      const parsed = schema.safeParse(JSON.parse(text));
      if (!parsed.success)
        throw new Error(`The stored ${name} does not hold what this app wrote: ${parsed.error.message}`);
      return parsed.data;
    },
  };
}

const record = z.record(z.string(), z.unknown());

export const storedJson = {
  /** audit_log.details: the facts of an audited action (before, after, reason, …). */
  auditDetails: column('audit details', record),
  /** mutations.data: what a state change carried, for a later sync. */
  mutationData: column('mutation data', record),
  /** submissions.payload: the form as sent (its documents are stored apart). */
  submissionPayload: column('request payload', record),
  /** drafts.data: what a person typed in a form. */
  draft: column('draft', draftData),
};
