// The fictional demo directory shipped in resources/demo. Dates in it are relative ("requested
// 5 days ago") so the demo tells the same story whenever it is loaded.
import { z } from 'zod';
import { directorySchema, type Directory } from '../portal/directory/model';

const DAY_MS = 86_400_000;

const relativeDates = z.object({ companies: z.array(z.looseObject({ accessRequestedDaysAgo: z.number().int().min(0).optional() })) });

export function demoDirectory(json: unknown, now: Date): Directory {
  const raw = relativeDates.parse(json);
  const companies = raw.companies.map(({ accessRequestedDaysAgo, ...company }) =>
    accessRequestedDaysAgo === undefined
      ? company
      : { ...company, accessRequestedAt: new Date(now.getTime() - accessRequestedDaysAgo * DAY_MS).toISOString() },
  );
  return directorySchema.parse({ companies });
}
