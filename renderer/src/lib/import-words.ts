// The problems of a directory import in the agent's words: the engine sends codes and the
// column's name as the file writes it (`legal_name`), never a sentence or a pattern.
import type { ImportConflict, ImportRejection } from '$contract/help';
import { t } from './i18n/i18n.svelte';

export function rejectionText(r: ImportRejection): string {
  const words = { field: r.field ?? '', value: r.value ?? '', detail: r.detail ?? '' };
  switch (r.problem) {
    case 'unreadable':
      return t(r.detail === 'unclosed-quote' ? 'import.problem.unclosed-quote' : 'import.problem.text-after-quote');
    case 'format':
    case 'choice':
      return t(r.value === undefined ? `import.problem.${r.problem}` : `import.problem.${r.problem}-found`, words);
    default:
      return t(`import.problem.${r.problem}`, words);
  }
}

export function conflictText(c: ImportConflict): string {
  return t(`import.conflict.${c.problem}`, { value: c.value });
}
